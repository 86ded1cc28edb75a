// PayFi: payments (PaymentProcessor), merchants (MerchantRegistry), points (LoyaltyPoints), advances (AdvancePool),
// payment links and QR codes.
export {
  advancePoolErrorMessages,
  advancePoolErrors,
  loyaltyPointsErrorMessages,
  loyaltyPointsErrors,
  merchantRegistryErrorMessages,
  merchantRegistryErrors,
  paymentProcessorErrorMessages,
  paymentProcessorErrors,
  payfiErrorMessages,
} from './errors.js';
export * from './payment.js';
export * from './math.js';
export * from './links.js';
export * from './payments.js';
export * from './merchants.js';
export * from './points.js';
export * from './advances.js';
