// One event of a subscriber's stream, run again through the standard subscription pipeline
// (Yoga's envelop: error masking, every plugin) to execute the selection on it once for all
// the subscribers who get the same result (http/shared-execution.ts). Only server code sets
// a rootValue; a client cannot make one of these.
export class ReplayedEvent<Payload = unknown> {
  constructor(readonly payload: Payload) {}

  /** The stream a subscription field answers with instead of its own: this one event. */
  async *stream<Expected extends Payload>(): AsyncGenerator<Expected> {
    yield this.payload as Expected;
  }
}
