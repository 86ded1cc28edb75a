// NavOracle: feeds and their parameters, rounds (open, accepted, frozen, confirmed, rejected, abandoned),
// submissions, reporters (approval, bond, status, strikes, jail) and slashes. An accepted answer re-prices its
// asset's lending collateral.
import { BigInt, Bytes, ethereum } from '@graphprotocol/graph-ts';
import {
  AnswerFrozen,
  AnswerUpdated,
  BondAdded,
  BondWithdrawn,
  FeedCreated,
  FeedParamsSet,
  FrozenAnswerConfirmed,
  FrozenAnswerRejected,
  ReporterApproval,
  ReporterJailed,
  ReporterRegistered,
  ReporterUnjailed,
  RoundAbandoned,
  SlashDeferred,
  Slashed,
  SlashSwept,
  Submitted,
  UnbondingDelaySet,
  UnbondRequested,
} from '../generated/NavOracle/NavOracle';
import { BondChange, Feed, Reporter, Round, Slash, Submission } from '../generated/schema';
import { ensureAsset, revalueCollateral } from './assets';
import {
  ensureAccount,
  eventId,
  governanceEvent,
  loadProtocol,
  ORACLE,
  saveProtocol,
  touchContract,
  zero,
} from './common';

const STATUSES = ['NONE', 'APPROVED', 'ACTIVE', 'UNDERBONDED', 'UNBONDING', 'JAILED'];

function statusName(status: i32): string {
  if (status < 0 || status >= STATUSES.length) return 'NONE';
  return STATUSES[status];
}

function loadFeed(feedId: BigInt): Feed {
  const feed = Feed.load(feedId.toString());
  if (feed === null) throw new Error('unknown feed ' + feedId.toString());
  return feed as Feed;
}

function ensureRound(feed: Feed, roundId: BigInt): Round {
  const id = feed.id + '-' + roundId.toString();
  let r = Round.load(id);
  if (r === null) {
    r = new Round(id);
    r.feed = feed.id;
    r.roundId = roundId;
    r.status = 'OPEN';
    r.submissionCount = 0;
    feed.roundCount = feed.roundCount + 1;
  }
  return r as Round;
}

function ensureReporter(feedId: BigInt, address: Bytes): Reporter {
  const id = feedId.toString() + '-' + address.toHexString();
  let r = Reporter.load(id);
  if (r === null) {
    r = new Reporter(id);
    r.feed = feedId.toString();
    r.address = address;
    r.approved = false;
    r.status = 'NONE';
    r.bond = zero();
    r.strikes = 0;
    r.jailCount = 0;
    r.slashedTotal = zero();
    r.submissionCount = 0;
  }
  return r as Reporter;
}

function bondChange(event: ethereum.Event, reporter: Reporter, kind: string, amount: BigInt): void {
  const b = new BondChange(eventId(event));
  b.reporter = reporter.id;
  b.kind = kind;
  b.amount = amount;
  b.bondAfter = reporter.bond;
  b.blockNumber = event.block.number;
  b.timestamp = event.block.timestamp;
  b.transactionHash = event.transaction.hash;
  b.save();
}

export function handleOracleFeedCreated(event: FeedCreated): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const feed = new Feed(event.params.feedId.toString());
  feed.feedId = event.params.feedId;
  feed.oracle = event.address;
  const asset = ensureAsset(event.params.asset);
  asset.feed = feed.id;
  asset.save();
  feed.asset = asset.id;
  feed.description = event.params.description;
  const params = event.params.params;
  feed.quorum = params.quorum;
  feed.maxMoveBps = params.maxMoveBps;
  feed.toleranceBps = params.toleranceBps;
  feed.jailThreshold = params.jailThreshold;
  feed.heartbeat = params.heartbeat;
  feed.roundTimeout = params.roundTimeout;
  feed.minRoundInterval = params.minRoundInterval;
  feed.slashAmount = params.slashAmount;
  feed.minBond = params.minBond;
  feed.frozen = false;
  feed.roundCount = 0;
  feed.submissionCount = 0;
  feed.slashCount = 0;
  feed.save();
  p.feedCount = p.feedCount + 1;
  saveProtocol(p, event);
}

export function handleOracleFeedParamsSet(event: FeedParamsSet): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const feed = loadFeed(event.params.feedId);
  const params = event.params.params;
  feed.quorum = params.quorum;
  feed.maxMoveBps = params.maxMoveBps;
  feed.toleranceBps = params.toleranceBps;
  feed.jailThreshold = params.jailThreshold;
  feed.heartbeat = params.heartbeat;
  feed.roundTimeout = params.roundTimeout;
  feed.minRoundInterval = params.minRoundInterval;
  feed.slashAmount = params.slashAmount;
  feed.minBond = params.minBond;
  feed.save();
  governanceEvent(event, 'FeedParamsSet', null, 'feedId=' + feed.id + ' quorum=' + params.quorum.toString());
  saveProtocol(p, event);
}

export function handleOracleReporterApproval(event: ReporterApproval): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  ensureAccount(p, event.params.reporter, event);
  const r = ensureReporter(event.params.feedId, event.params.reporter);
  r.approved = event.params.approved;
  if (event.params.approved) r.status = 'APPROVED';
  else r.status = 'NONE';
  r.save();
  governanceEvent(
    event,
    'ReporterApproval',
    event.params.reporter,
    'feedId=' + event.params.feedId.toString() + ' approved=' + (event.params.approved ? 'true' : 'false'),
  );
  saveProtocol(p, event);
}

export function handleOracleReporterRegistered(event: ReporterRegistered): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const r = ensureReporter(event.params.feedId, event.params.reporter);
  r.bond = event.params.bond;
  r.status = 'ACTIVE';
  r.unbondAt = null;
  r.save();
  bondChange(event, r, 'REGISTERED', event.params.bond);
  saveProtocol(p, event);
}

export function handleOracleBondAdded(event: BondAdded): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const r = ensureReporter(event.params.feedId, event.params.reporter);
  r.bond = event.params.bond;
  r.status = statusName(event.params.status);
  r.save();
  bondChange(event, r, 'ADDED', event.params.amount);
  saveProtocol(p, event);
}

export function handleOracleUnbondRequested(event: UnbondRequested): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const r = ensureReporter(event.params.feedId, event.params.reporter);
  r.status = 'UNBONDING';
  r.unbondAt = event.params.unbondAt;
  r.save();
  bondChange(event, r, 'UNBOND_REQUESTED', zero());
  saveProtocol(p, event);
}

export function handleOracleBondWithdrawn(event: BondWithdrawn): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const r = ensureReporter(event.params.feedId, event.params.reporter);
  r.bond = zero();
  r.status = 'APPROVED';
  r.unbondAt = null;
  r.save();
  bondChange(event, r, 'WITHDRAWN', event.params.amount);
  saveProtocol(p, event);
}

export function handleOracleSubmitted(event: Submitted): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const feed = loadFeed(event.params.feedId);
  const round = ensureRound(feed, event.params.roundId);
  if (round.submissionCount == 0) round.startedAt = event.block.timestamp;
  round.submissionCount = round.submissionCount + 1;
  round.save();
  const r = ensureReporter(event.params.feedId, event.params.reporter);
  r.submissionCount = r.submissionCount + 1;
  r.save();
  feed.submissionCount = feed.submissionCount + 1;
  feed.save();
  const s = new Submission(eventId(event));
  s.round = round.id;
  s.reporter = r.id;
  s.answer = event.params.answer;
  s.blockNumber = event.block.number;
  s.timestamp = event.block.timestamp;
  s.transactionHash = event.transaction.hash;
  s.save();
  saveProtocol(p, event);
}

export function handleOracleRoundAbandoned(event: RoundAbandoned): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const feed = loadFeed(event.params.feedId);
  const round = ensureRound(feed, event.params.roundId);
  round.status = 'ABANDONED';
  round.updatedAt = event.block.timestamp;
  round.save();
  feed.save();
  saveProtocol(p, event);
}

export function handleOracleAnswerUpdated(event: AnswerUpdated): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const feed = loadFeed(event.params.feedId);
  const round = ensureRound(feed, event.params.roundId);
  if (round.status != 'CONFIRMED') round.status = 'ACCEPTED';
  round.previousAnswer = feed.answer;
  round.answer = event.params.answer;
  round.startedAt = event.params.startedAt;
  round.updatedAt = event.params.updatedAt;
  round.save();
  feed.answer = event.params.answer;
  feed.answerRound = event.params.roundId;
  feed.updatedAt = event.params.updatedAt;
  feed.frozen = false;
  feed.pendingAnswer = null;
  feed.save();
  const asset = ensureAsset(feed.asset);
  asset.nav = event.params.answer;
  asset.navUpdatedAt = event.params.updatedAt;
  revalueCollateral(p, asset);
  asset.save();
  saveProtocol(p, event);
}

export function handleOracleAnswerFrozen(event: AnswerFrozen): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const feed = loadFeed(event.params.feedId);
  const round = ensureRound(feed, event.params.roundId);
  round.status = 'FROZEN';
  round.answer = event.params.pendingAnswer;
  round.previousAnswer = event.params.previousAnswer;
  round.updatedAt = event.block.timestamp;
  round.save();
  feed.frozen = true;
  feed.pendingAnswer = event.params.pendingAnswer;
  feed.save();
  saveProtocol(p, event);
}

export function handleOracleFrozenAnswerConfirmed(event: FrozenAnswerConfirmed): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const feed = loadFeed(event.params.feedId);
  const round = ensureRound(feed, event.params.roundId);
  round.status = 'CONFIRMED';
  round.guardian = event.params.guardian;
  round.save();
  feed.save();
  governanceEvent(
    event,
    'FrozenAnswerConfirmed',
    event.params.guardian,
    'feedId=' +
      feed.id +
      ' roundId=' +
      event.params.roundId.toString() +
      ' answer=' +
      event.params.answer.toString(),
  );
  saveProtocol(p, event);
}

export function handleOracleFrozenAnswerRejected(event: FrozenAnswerRejected): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const feed = loadFeed(event.params.feedId);
  const round = ensureRound(feed, event.params.roundId);
  round.status = 'REJECTED';
  round.guardian = event.params.guardian;
  round.updatedAt = event.block.timestamp;
  round.save();
  feed.frozen = false;
  feed.pendingAnswer = null;
  feed.save();
  governanceEvent(
    event,
    'FrozenAnswerRejected',
    event.params.guardian,
    'feedId=' +
      feed.id +
      ' roundId=' +
      event.params.roundId.toString() +
      ' answer=' +
      event.params.answer.toString(),
  );
  saveProtocol(p, event);
}

export function handleOracleSlashed(event: Slashed): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const feed = loadFeed(event.params.feedId);
  const round = ensureRound(feed, event.params.roundId);
  round.save();
  feed.slashCount = feed.slashCount + 1;
  feed.save();
  const r = ensureReporter(event.params.feedId, event.params.reporter);
  r.bond = event.params.bond;
  r.strikes = event.params.strikes.toI32();
  r.slashedTotal = r.slashedTotal.plus(event.params.amount);
  // jailing (ReporterJailed, emitted just before) wins; otherwise a bond below the minimum makes it underbonded
  if (r.status == 'ACTIVE' && r.bond.lt(feed.minBond)) r.status = 'UNDERBONDED';
  r.save();
  const s = new Slash(eventId(event));
  s.feed = feed.id;
  s.round = round.id;
  s.reporter = r.id;
  s.amount = event.params.amount;
  s.submission = event.params.submission;
  s.median = event.params.median;
  s.strikes = event.params.strikes.toI32();
  s.bondAfter = event.params.bond;
  s.blockNumber = event.block.number;
  s.timestamp = event.block.timestamp;
  s.transactionHash = event.transaction.hash;
  s.save();
  bondChange(event, r, 'SLASHED', event.params.amount);
  p.slashedTotal = p.slashedTotal.plus(event.params.amount);
  saveProtocol(p, event);
}

export function handleOracleSlashDeferred(event: SlashDeferred): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  governanceEvent(event, 'SlashDeferred', null, 'amount=' + event.params.amount.toString());
  saveProtocol(p, event);
}

export function handleOracleSlashSwept(event: SlashSwept): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  governanceEvent(event, 'SlashSwept', null, 'amount=' + event.params.amount.toString());
  saveProtocol(p, event);
}

export function handleOracleReporterJailed(event: ReporterJailed): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const r = ensureReporter(event.params.feedId, event.params.reporter);
  r.status = 'JAILED';
  r.jailCount = r.jailCount + 1;
  r.save();
  governanceEvent(
    event,
    'ReporterJailed',
    event.params.reporter,
    'feedId=' + event.params.feedId.toString() + ' roundId=' + event.params.roundId.toString(),
  );
  saveProtocol(p, event);
}

export function handleOracleReporterUnjailed(event: ReporterUnjailed): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  const r = ensureReporter(event.params.feedId, event.params.reporter);
  r.status = statusName(event.params.status);
  r.strikes = 0;
  r.unbondAt = null;
  r.save();
  governanceEvent(
    event,
    'ReporterUnjailed',
    event.params.reporter,
    'feedId=' + event.params.feedId.toString(),
  );
  saveProtocol(p, event);
}

export function handleOracleUnbondingDelaySet(event: UnbondingDelaySet): void {
  const p = loadProtocol(event);
  touchContract(p, event, 'NavOracle', ORACLE);
  governanceEvent(event, 'UnbondingDelaySet', null, 'delay=' + event.params.delay.toString());
  saveProtocol(p, event);
}
