import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * Every test file runs with msw listening: a request to an outside service that no handler
 * answers fails the test instead of reaching the network. Service handlers live in tests/mocks/.
 */
export const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
