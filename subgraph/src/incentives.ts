// LiquidityIncentives: programs (fixed, and fee-share streams), deposited Uniswap v3 positions, stakes, claims,
// settlements, credited rewards and their withdrawals, refunds, fees received from the FeeCollector.
import { BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  Claimed,
  Deposited,
  FeesReceived,
  LiquiditySnapshot,
  ProgramCreated,
  Refunded,
  RewardClaimed,
  Settled,
  Staked,
  StreamEnded,
  StreamFunded,
  Unstaked,
  Withdrawn,
} from '../generated/LiquidityIncentives/LiquidityIncentives';
import {
  IncentiveFeeReceipt,
  IncentiveProgram,
  LpDeposit,
  ProgramFunding,
  Protocol,
  RewardBalance,
  RewardClaim,
  RewardWithdrawal,
  Stake,
} from '../generated/schema';
import {
  ensureAccount,
  eventId,
  INCENTIVES,
  loadProtocol,
  pairId,
  saveProtocol,
  touchContract,
  zero,
} from './common';

function incentives(p: Protocol, event: ethereum.Event): void {
  touchContract(p, event, 'LiquidityIncentives', INCENTIVES);
}

function loadProgram(id: Bytes): IncentiveProgram {
  const program = IncentiveProgram.load(id);
  if (program === null) throw new Error('unknown incentive program ' + id.toHexString());
  return program as IncentiveProgram;
}

function ensureDeposit(tokenId: BigInt): LpDeposit {
  let d = LpDeposit.load(tokenId.toString());
  if (d === null) {
    d = new LpDeposit(tokenId.toString());
    d.tokenId = tokenId;
    d.owner = Bytes.empty();
    d.pool = Bytes.empty();
    d.tickLower = 0;
    d.tickUpper = 0;
    d.liquidity = zero();
    d.deposited = false;
    d.stakeCount = 0;
  }
  return d as LpDeposit;
}

function stakeId(programId: Bytes, tokenId: BigInt): string {
  return programId.toHexString() + '-' + tokenId.toString();
}

function loadStake(programId: Bytes, tokenId: BigInt): Stake {
  const s = Stake.load(stakeId(programId, tokenId));
  if (s === null) throw new Error('unknown stake ' + stakeId(programId, tokenId));
  return s as Stake;
}

function funding(
  event: ethereum.Event,
  program: Bytes,
  kind: string,
  account: Bytes | null,
  amount: BigInt,
): void {
  const f = new ProgramFunding(eventId(event));
  f.program = program;
  f.kind = kind;
  if (account !== null) f.account = account;
  f.amount = amount;
  f.blockNumber = event.block.number;
  f.timestamp = event.block.timestamp;
  f.transactionHash = event.transaction.hash;
  f.save();
}

function ensureRewardBalance(token: Bytes, owner: Bytes): RewardBalance {
  const id = pairId(token, owner);
  let b = RewardBalance.load(id);
  if (b === null) {
    b = new RewardBalance(id);
    b.token = token;
    b.owner = owner;
    b.credited = zero();
    b.withdrawn = zero();
    b.balance = zero();
  }
  return b as RewardBalance;
}

function claim(
  event: ethereum.Event,
  kind: string,
  s: Stake,
  program: IncentiveProgram,
  owner: Bytes,
  to: Bytes | null,
  reward: BigInt,
  forfeit: BigInt,
): void {
  const c = new RewardClaim(eventId(event));
  c.kind = kind;
  c.stake = s.id;
  c.program = program.id;
  c.owner = owner;
  if (to !== null) c.to = to;
  c.reward = reward;
  c.forfeit = forfeit;
  c.blockNumber = event.block.number;
  c.timestamp = event.block.timestamp;
  c.transactionHash = event.transaction.hash;
  c.save();
  s.forfeited = s.forfeited.plus(forfeit);
  program.forfeited = program.forfeited.plus(forfeit);
  if (kind == 'CLAIMED') {
    s.claimed = s.claimed.plus(reward);
    program.claimed = program.claimed.plus(reward);
  } else {
    // settled and unstaked rewards are credited to the owner, paid later by claimReward
    s.credited = s.credited.plus(reward);
    program.credited = program.credited.plus(reward);
    const b = ensureRewardBalance(program.rewardToken, owner);
    b.credited = b.credited.plus(reward);
    b.balance = b.balance.plus(reward);
    b.save();
  }
}

export function handleIncentivesProgramCreated(event: ProgramCreated): void {
  const p = loadProtocol(event);
  incentives(p, event);
  const program = new IncentiveProgram(event.params.programId);
  program.rewardToken = event.params.rewardToken;
  program.pool = event.params.pool;
  program.refundee = event.params.refundee;
  program.startTime = event.params.startTime;
  program.endTime = event.params.endTime;
  program.tickLower = event.params.tickLower;
  program.tickUpper = event.params.tickUpper;
  program.rate = event.params.rate;
  program.isStream = event.params.endTime.isZero();
  program.funded = event.params.amount;
  program.claimed = zero();
  program.credited = zero();
  program.forfeited = zero();
  program.refunded = zero();
  program.stakedLiquidity = zero();
  program.stakeCount = 0;
  program.activeStakeCount = 0;
  program.createdAt = event.block.timestamp;
  program.save();
  funding(event, program.id, 'CREATED', event.transaction.from, event.params.amount);
  p.incentiveProgramCount = p.incentiveProgramCount + 1;
  saveProtocol(p, event);
}

export function handleIncentivesStreamFunded(event: StreamFunded): void {
  const p = loadProtocol(event);
  incentives(p, event);
  const program = loadProgram(event.params.programId);
  program.funded = program.funded.plus(event.params.amount);
  program.save();
  funding(event, program.id, 'STREAM_FUNDED', null, event.params.amount);
  saveProtocol(p, event);
}

export function handleIncentivesStreamEnded(event: StreamEnded): void {
  const p = loadProtocol(event);
  incentives(p, event);
  const program = loadProgram(event.params.programId);
  program.endedAt = event.params.endedAt;
  program.save();
  saveProtocol(p, event);
}

export function handleIncentivesFeesReceived(event: FeesReceived): void {
  const p = loadProtocol(event);
  incentives(p, event);
  const r = new IncentiveFeeReceipt(eventId(event));
  r.token = event.params.token;
  r.amount = event.params.amount;
  r.unallocated = event.params.unallocated;
  r.blockNumber = event.block.number;
  r.timestamp = event.block.timestamp;
  r.transactionHash = event.transaction.hash;
  r.save();
  saveProtocol(p, event);
}

export function handleIncentivesDeposited(event: Deposited): void {
  const p = loadProtocol(event);
  incentives(p, event);
  ensureAccount(p, event.params.owner, event);
  const d = ensureDeposit(event.params.tokenId);
  d.owner = event.params.owner;
  d.pool = event.params.pool;
  d.tickLower = event.params.tickLower;
  d.tickUpper = event.params.tickUpper;
  d.liquidity = event.params.liquidity;
  d.deposited = true;
  d.withdrawnTo = null;
  d.save();
  saveProtocol(p, event);
}

export function handleIncentivesLiquiditySnapshot(event: LiquiditySnapshot): void {
  const p = loadProtocol(event);
  incentives(p, event);
  const d = ensureDeposit(event.params.tokenId);
  d.liquidity = event.params.liquidity;
  d.save();
  saveProtocol(p, event);
}

export function handleIncentivesWithdrawn(event: Withdrawn): void {
  const p = loadProtocol(event);
  incentives(p, event);
  const d = ensureDeposit(event.params.tokenId);
  d.deposited = false;
  d.withdrawnTo = event.params.to;
  d.save();
  saveProtocol(p, event);
}

export function handleIncentivesStaked(event: Staked): void {
  const p = loadProtocol(event);
  incentives(p, event);
  ensureAccount(p, event.params.owner, event);
  const program = loadProgram(event.params.programId);
  const d = ensureDeposit(event.params.tokenId);
  const id = stakeId(program.id, event.params.tokenId);
  let s = Stake.load(id);
  if (s === null) {
    s = new Stake(id);
    s.program = program.id;
    s.deposit = d.id;
    s.claimed = zero();
    s.credited = zero();
    s.forfeited = zero();
    program.stakeCount = program.stakeCount + 1;
  }
  s.owner = event.params.owner;
  s.liquidity = event.params.liquidity;
  s.active = true;
  s.stakedAt = event.block.timestamp;
  s.unstakedAt = null;
  s.save();
  program.stakedLiquidity = program.stakedLiquidity.plus(event.params.liquidity);
  program.activeStakeCount = program.activeStakeCount + 1;
  program.save();
  d.stakeCount = d.stakeCount + 1;
  d.save();
  saveProtocol(p, event);
}

export function handleIncentivesClaimed(event: Claimed): void {
  const p = loadProtocol(event);
  incentives(p, event);
  const program = loadProgram(event.params.programId);
  const s = loadStake(program.id, event.params.tokenId);
  claim(
    event,
    'CLAIMED',
    s,
    program,
    event.params.owner,
    event.params.to,
    event.params.reward,
    event.params.forfeit,
  );
  s.save();
  program.save();
  p.incentiveRewardsPaid = p.incentiveRewardsPaid.plus(event.params.reward);
  saveProtocol(p, event);
}

export function handleIncentivesSettled(event: Settled): void {
  const p = loadProtocol(event);
  incentives(p, event);
  const program = loadProgram(event.params.programId);
  const s = loadStake(program.id, event.params.tokenId);
  claim(event, 'SETTLED', s, program, event.params.owner, null, event.params.reward, event.params.forfeit);
  s.save();
  program.save();
  saveProtocol(p, event);
}

export function handleIncentivesUnstaked(event: Unstaked): void {
  const p = loadProtocol(event);
  incentives(p, event);
  const program = loadProgram(event.params.programId);
  const s = loadStake(program.id, event.params.tokenId);
  claim(event, 'UNSTAKED', s, program, event.params.owner, null, event.params.reward, event.params.forfeit);
  s.active = false;
  s.unstakedAt = event.block.timestamp;
  s.save();
  program.stakedLiquidity = program.stakedLiquidity.minus(event.params.liquidity);
  program.activeStakeCount = program.activeStakeCount - 1;
  program.save();
  const d = ensureDeposit(event.params.tokenId);
  d.stakeCount = d.stakeCount - 1;
  d.save();
  saveProtocol(p, event);
}

export function handleIncentivesRewardClaimed(event: RewardClaimed): void {
  const p = loadProtocol(event);
  incentives(p, event);
  const b = ensureRewardBalance(event.params.rewardToken, event.params.owner);
  b.withdrawn = b.withdrawn.plus(event.params.amount);
  b.balance = b.balance.minus(event.params.amount);
  b.save();
  const w = new RewardWithdrawal(eventId(event));
  w.token = event.params.rewardToken;
  w.owner = event.params.owner;
  w.to = event.params.to;
  w.amount = event.params.amount;
  w.blockNumber = event.block.number;
  w.timestamp = event.block.timestamp;
  w.transactionHash = event.transaction.hash;
  w.save();
  p.incentiveRewardsPaid = p.incentiveRewardsPaid.plus(event.params.amount);
  saveProtocol(p, event);
}

export function handleIncentivesRefunded(event: Refunded): void {
  const p = loadProtocol(event);
  incentives(p, event);
  const program = loadProgram(event.params.programId);
  program.refunded = program.refunded.plus(event.params.amount);
  program.save();
  funding(event, program.id, 'REFUNDED', event.params.refundee, event.params.amount);
  saveProtocol(p, event);
}
