// A payment's full terms (the `PaymentInfo` its id commits to) from the transaction that created it. The
// subgraph keeps what the events carry, but capture, void and refund need every field the payer signed (salt and
// fee bounds included), and those are only in the creating call's calldata. Decoding needs viem's runtime, so it
// lives here with the other viem code.
import { paymentProcessorAbi } from '@plaza/abi';
import { computePaymentId, type PaymentInfo } from '@plaza/sdk';
import { decodeFunctionData, type Address, type Hex, type PublicClient } from 'viem';

/** The processor's entry points that create a payment; each takes the `PaymentInfo` first. */
const CREATING = new Set(['pay', 'payWithPermit', 'payWithAuthorization', 'authorize', 'authorizeFrom']);

/**
 * Decodes the `PaymentInfo` from a transaction's input when it calls the processor directly, and checks that
 * its id is `id`. Returns undefined for anything else (e.g. a payment created through another contract).
 */
export function paymentInfoFromCalldata(
  input: Hex,
  expected: { id: Hex; chainId: number; processor: Address },
): PaymentInfo | undefined {
  let decoded: { functionName: string; args?: readonly unknown[] };
  try {
    decoded = decodeFunctionData({ abi: paymentProcessorAbi, data: input }) as typeof decoded;
  } catch {
    return undefined;
  }
  if (!CREATING.has(decoded.functionName)) return undefined;
  const info = decoded.args?.[0] as PaymentInfo | undefined;
  if (!info) return undefined;
  const id = computePaymentId(info, { chainId: expected.chainId, processor: expected.processor });
  return id.toLowerCase() === expected.id.toLowerCase() ? info : undefined;
}

/** Fetches the creating transaction and decodes its payment (see {@link paymentInfoFromCalldata}). */
export async function paymentInfoFromTransaction(
  client: PublicClient,
  hash: Hex,
  expected: { id: Hex; chainId: number; processor: Address },
): Promise<PaymentInfo | undefined> {
  const tx = await client.getTransaction({ hash });
  if (!tx.to || tx.to.toLowerCase() !== expected.processor.toLowerCase()) return undefined;
  return paymentInfoFromCalldata(tx.input, expected);
}
