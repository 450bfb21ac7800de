import { describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../../../src/platforms/console/console-listeners.js';
import { consoleRequester } from '../../../../src/platforms/console/console-to-core.js';
import { buildConversationDeps } from '../../../helpers/build-conversation-deps.js';

describe('console: who you are', () => {
  it('GIVEN no --user THEN /aperture whoami says you are the operator, an admin, with no login', async () => {
    const { deps } = buildConversationDeps();
    const printed = await new ConsoleSession(deps, { requester: consoleRequester() }).answer(
      '/aperture whoami',
    );
    expect(printed).toContain('You are the console user');
    expect(printed).toContain('You play an admin');
    expect(printed).toContain('/aperture whoami alice@example.com');
  });

  it('GIVEN --user alice without --admin THEN /aperture doctor is refused as for any non-admin', async () => {
    const { deps, checkCalls } = buildConversationDeps();
    const session = new ConsoleSession(deps, {
      requester: consoleRequester({ user: 'alice@example.com' }),
    });
    expect(await session.answer('/aperture whoami')).toContain(
      'You are the console user alice@example.com',
    );
    expect(await session.answer('/aperture doctor')).toContain('only admins can run it');
    expect(checkCalls).toHaveLength(0);
  });

  it('GIVEN --user alice --admin THEN checks run as alice, an admin', async () => {
    const { deps, checkCalls } = buildConversationDeps();
    const session = new ConsoleSession(deps, {
      requester: consoleRequester({ user: 'alice@example.com', admin: true }),
    });
    await session.answer('/aperture check requester-grant');
    expect(checkCalls[0]?.requester).toMatchObject({ email: 'alice@example.com', isAdmin: true });
  });

  it('GIVEN /aperture whoami bob@example.com --no-admin THEN later checks run as bob, not an admin', async () => {
    const { deps, checkCalls } = buildConversationDeps();
    const session = new ConsoleSession(deps, { requester: consoleRequester() });
    const printed = await session.answer('/aperture whoami bob@example.com --no-admin');
    expect(printed).toContain('You are the console user bob@example.com');
    expect(printed).toContain('You play someone who is not an admin');
    await session.answer('/aperture check requester-grant');
    expect(checkCalls[0]?.requester).toMatchObject({ email: 'bob@example.com', isAdmin: false });
    expect(await session.answer('/aperture doctor')).toContain('only admins can run it');
  });

  it('GIVEN /aperture whoami --admin after playing a non-admin THEN /aperture doctor runs', async () => {
    const { deps, checkCalls } = buildConversationDeps();
    const session = new ConsoleSession(deps, {
      requester: consoleRequester({ user: 'bob@example.com' }),
    });
    await session.answer('/aperture whoami --admin');
    await session.answer('/aperture doctor');
    expect(checkCalls.length).toBeGreaterThan(0);
    expect(checkCalls.every((call) => call.requester.isAdmin)).toBe(true);
  });
});
