import type { ConversationEvent } from '../core/conversation/conversation-deps.js';
import type { PlatformLogger } from '../platforms/platform-logger.js';
import type { BotMetrics } from './metrics.js';

/**
 * The core's observer: every event feeds a metric, and the audit trail (each check run: who,
 * where, which check, result; each config-revealing answer) goes to the log as structured lines
 * with `audit` set, so a log pipeline can route them apart.
 */
export function createConversationObserver(
  metrics: BotMetrics,
  logger: PlatformLogger,
  adminUsers: readonly string[],
): (event: ConversationEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'diagnosed':
        metrics.eventsReceived.inc({ platform: event.platform, kind: 'diagnosis' });
        metrics.diagnoses.inc({ platform: event.platform, symptom: event.symptom });
        return;
      case 'silenced':
        // Silenced before classification: the message was received but never diagnosed.
        if (event.reason === 'not-listening' || event.reason === 'muted') {
          metrics.eventsReceived.inc({ platform: event.platform, kind: 'diagnosis' });
        }
        metrics.silenced.inc({ platform: event.platform, reason: event.reason });
        return;
      case 'feedback':
        metrics.eventsReceived.inc({ platform: event.platform, kind: 'feedback' });
        metrics.feedback.inc({
          platform: event.platform,
          symptom: event.symptom,
          verdict: event.verdict,
        });
        return;
      case 'check-run': {
        const { platform, channelId, userId, checkId, status, adminOnly } = event;
        metrics.eventsReceived.inc({ platform, kind: 'check' });
        metrics.checks.inc({ platform, check: checkId, result: status });
        logger.info(
          { audit: 'check-run', platform, channelId, userId, checkId, result: status, adminOnly },
          'audit: check run',
        );
        if (adminOnly) {
          const isAdmin = adminUsers.includes(userId);
          metrics.adminOnlyAnswers.inc({
            platform,
            check: checkId,
            requester: isAdmin ? 'admin' : 'non-admin',
          });
          logger.info(
            {
              audit: 'admin-only-answer',
              platform,
              channelId,
              userId,
              checkId,
              requesterIsAdmin: isAdmin,
              shownTo: isAdmin ? 'thread' : 'requester-only',
            },
            'audit: config-revealing answer',
          );
        }
        return;
      }
    }
  };
}
