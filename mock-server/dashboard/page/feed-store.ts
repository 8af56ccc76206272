import type {
  DashboardAction,
  DashboardClient,
  DashboardDelivery,
  DashboardExchange,
  DashboardFeed,
} from '../dashboard-feed.js';

type ClockState = DashboardFeed['clock'];
type Fault = DashboardFeed['faults'][number];
type Subscription = DashboardFeed['subscriptions'][number];

/** Drops the records older than `firstSeq` (all of them when the recorder keeps none): what it forgot. */
function forget<R extends { readonly seq: number }>(records: R[], firstSeq: number | null): R[] {
  if (firstSeq === null) return [];
  const keepFrom = records.findIndex((record) => record.seq >= firstSeq);
  return keepFrom < 0 ? [] : keepFrom === 0 ? records : records.slice(keepFrom);
}

/**
 * Whether the clock was changed (mode, offset, or a frozen instant) rather than just running on. A
 * running clock's offset is measured against real time on each poll, so it wobbles by a millisecond.
 */
function clockMoved(before: ClockState | undefined, after: ClockState): boolean {
  if (before === undefined || before.mode !== after.mode) return true;
  if (after.mode === 'frozen') return before.now_ms !== after.now_ms;
  return Math.abs(before.offset_ms - after.offset_ms) > 5;
}

/**
 * What the page knows of the mock: the last poll's state and every record polled so far that the recorder
 * still keeps. Each poll adds what is new and forgets what the recorder pushed out or a reset cleared,
 * so the page holds no more than the recorder does. Runs in the browser.
 */
export class FeedStore {
  exchanges: DashboardExchange[] = [];
  actions: DashboardAction[] = [];
  deliveries: DashboardDelivery[] = [];
  subscriptions: readonly Subscription[] = [];
  pendingRetries = 0;
  clients: readonly DashboardClient[] = [];
  faults: readonly Fault[] = [];
  clock: ClockState | undefined;
  capacity = 0;
  dropped = 0;
  lastSeq = 0;
  lastActionSeq = 0;
  lastDeliverySeq = 0;
  /** Bumped whenever a poll changed the webhook deliveries or subscriptions. */
  deliveriesVersion = 0;
  /** When the last poll arrived, by the page's monotonic clock (`performance.now()`). */
  receivedAt = 0;
  /** Set when the page must poll again at once, from the start (the mock was restarted). */
  refetch = false;
  /** Bumped whenever a poll changed anything the pictures are drawn from. */
  version = 0;

  /** Takes in one poll; returns whether the pictures need drawing again. */
  apply(feed: DashboardFeed, receivedAt: number): boolean {
    if (
      feed.last_seq < this.lastSeq ||
      feed.last_action_seq < this.lastActionSeq ||
      feed.last_delivery_seq < this.lastDeliverySeq
    ) {
      // The mock was restarted: its numbering began again, and what this page holds is of another run.
      this.forgetAll();
      this.refetch = true;
      this.version += 1;
      this.deliveriesVersion += 1;
      return true;
    }
    const before = { exchanges: this.exchanges.length, actions: this.actions.length };
    const clockBefore = this.clock;
    const clientsBefore = JSON.stringify(this.clients);
    this.exchanges = forget(this.exchanges, feed.first_seq);
    this.actions = forget(this.actions, feed.first_action_seq);
    const removed = before.exchanges !== this.exchanges.length || before.actions !== this.actions.length;
    for (const exchange of feed.exchanges) if (exchange.seq > this.lastSeq) this.exchanges.push(exchange);
    for (const action of feed.actions) if (action.seq > this.lastActionSeq) this.actions.push(action);
    this.lastSeq = Math.max(this.lastSeq, feed.last_seq);
    this.lastActionSeq = Math.max(this.lastActionSeq, feed.last_action_seq);
    this.applyDeliveries(feed);
    this.clients = feed.clients;
    this.faults = feed.faults;
    this.clock = feed.clock;
    this.capacity = feed.capacity;
    this.dropped = feed.dropped;
    this.receivedAt = receivedAt;
    const changed =
      removed ||
      feed.exchanges.length > 0 ||
      feed.actions.length > 0 ||
      clockMoved(clockBefore, feed.clock) ||
      clientsBefore !== JSON.stringify(this.clients);
    if (changed) this.version += 1;
    return changed;
  }

  /** Forgets every record and cursor, so the next poll asks for everything the mock keeps. */
  private forgetAll(): void {
    this.exchanges = [];
    this.actions = [];
    this.deliveries = [];
    this.lastSeq = 0;
    this.lastActionSeq = 0;
    this.lastDeliverySeq = 0;
  }

  private applyDeliveries(feed: DashboardFeed): void {
    const before = this.deliveries.length;
    const subscriptionsBefore = JSON.stringify(this.subscriptions);
    this.deliveries = forget(this.deliveries, feed.first_delivery_seq);
    for (const delivery of feed.deliveries)
      if (delivery.seq > this.lastDeliverySeq) this.deliveries.push(delivery);
    this.lastDeliverySeq = Math.max(this.lastDeliverySeq, feed.last_delivery_seq);
    this.subscriptions = feed.subscriptions;
    const changed =
      before !== this.deliveries.length ||
      feed.deliveries.length > 0 ||
      this.pendingRetries !== feed.pending_retries ||
      subscriptionsBefore !== JSON.stringify(this.subscriptions);
    this.pendingRetries = feed.pending_retries;
    if (changed) this.deliveriesVersion += 1;
  }

  /**
   * The mock clock's present, epoch ms, extrapolated from the last poll by the page's own monotonic clock
   * (a frozen mock clock stays where it is).
   */
  nowMs(at: number): number {
    if (this.clock === undefined) return 0;
    return this.clock.mode === 'frozen' ? this.clock.now_ms : this.clock.now_ms + (at - this.receivedAt);
  }
}
