// Tests here run against real clusters: starting one, or waiting for a
// controller to act, takes longer than Jest's default five seconds.
jest.setTimeout(60_000);
