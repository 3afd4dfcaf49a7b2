/**
 * A circuit breaker for a remote engine that has a local stand-in (Meilisearch, with the SQLite
 * index always current beside it). After a failure — an error or a timeout, which holds a page for
 * up to the client's 5 s — every caller is answered by the stand-in for `pauseMs` instead of
 * waiting on a service that just failed; then one caller tries the remote again (the others keep
 * the stand-in until it answers), and a success closes the breaker. Each opening is reported once,
 * so an outage logs one line per pause instead of one per search.
 */
export class CircuitBreaker {
  /** 0 = closed; otherwise when the pause ends. */
  private openUntil = 0;
  private probing = false;

  constructor(
    private readonly pauseMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Whether this caller may call the remote: always when closed; after a pause, one caller at a time. */
  allow(): boolean {
    if (this.openUntil === 0) return true;
    if (this.now() < this.openUntil || this.probing) return false;
    this.probing = true;
    return true;
  }

  succeeded(): void {
    this.openUntil = 0;
    this.probing = false;
  }

  /**
   * Records a failure of an allowed call. True when it opened the breaker (report it); false when
   * an earlier failure already had (calls that were in flight together).
   */
  failed(): boolean {
    if (this.openUntil !== 0 && !this.probing) return false;
    this.openUntil = this.now() + this.pauseMs;
    this.probing = false;
    return true;
  }

  /** For health reports and tests: whether callers are being sent to the stand-in. */
  get open(): boolean {
    return this.openUntil !== 0;
  }
}
