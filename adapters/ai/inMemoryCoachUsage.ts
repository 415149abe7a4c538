import type { TokenUsage } from '../../bot/ports/coach';
import type { CoachUsageCounter, CoachUsageTotals } from '../../bot/ports/coachUsage';

/** The usage counter of one bot process (it starts from zero when the process does; the logs keep every call). */
export class InMemoryCoachUsage implements CoachUsageCounter {
  private readonly byOrganisation = new Map<string, CoachUsageTotals>();

  recordCall(organisationId: string, usage: TokenUsage | undefined): void {
    const current = this.totals(organisationId);
    this.byOrganisation.set(organisationId, {
      ...current,
      calls: current.calls + 1,
      inputTokens: current.inputTokens + (usage?.inputTokens ?? 0),
      outputTokens: current.outputTokens + (usage?.outputTokens ?? 0),
    });
  }

  recordFallback(organisationId: string): void {
    const current = this.totals(organisationId);
    this.byOrganisation.set(organisationId, { ...current, fallbacks: current.fallbacks + 1 });
  }

  totals(organisationId: string): CoachUsageTotals {
    return this.byOrganisation.get(organisationId) ?? { organisationId, calls: 0, inputTokens: 0, outputTokens: 0, fallbacks: 0 };
  }

  all(): readonly CoachUsageTotals[] {
    return [...this.byOrganisation.values()];
  }
}
