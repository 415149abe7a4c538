import type { Curriculum } from '../../curriculum/schema';
import { ProgrammeIndex } from '../../dialogs/programmeIndex';
import { createProgrammeMachine, type ProgrammeMachine } from '../../dialogs/programmeMachine';
import type { OrganisationDirectory } from './organisationDirectory';

/** The programme an organisation offers: the curriculum narrowed to its modules, and the conversation built on it. */
export interface Programme {
  readonly index: ProgrammeIndex;
  readonly machine: ProgrammeMachine;
}

/**
 * Each organisation's programme, built once. A module an organisation does not offer is not in its index, so no
 * command or button reaches it (a learner saved inside one is moved to the menu, answers kept).
 */
export class OrganisationProgrammes {
  private readonly built = new Map<string, Programme>();

  constructor(
    private readonly curriculum: Curriculum,
    private readonly directory: OrganisationDirectory,
    /** The AI service the bot is configured with (named in the consent of organisations that use it), if any. */
    private readonly aiServiceName?: string,
  ) {}

  /** Whether the organisation's learners get the AI coach: it says so, and a service is configured. */
  usesAi(organisationId: string): boolean {
    return this.aiServiceName !== undefined && (this.directory.get(organisationId) ?? this.directory.fallback).ai.enabled;
  }

  for(organisationId: string): Programme {
    const organisation = this.directory.get(organisationId) ?? this.directory.fallback;
    const offered =
      organisation.modules === 'all' ? this.curriculum.modules : this.curriculum.modules.filter((m) => organisation.modules.includes(m.id));
    const aiServiceName = this.usesAi(organisation.id) ? this.aiServiceName : undefined;
    const key = `${offered.map((m) => m.id).join(',')}|${aiServiceName ?? ''}`;
    let programme = this.built.get(key);
    if (!programme) {
      const index = new ProgrammeIndex({ ...this.curriculum, modules: offered });
      programme = { index, machine: createProgrammeMachine(index, aiServiceName ? { aiServiceName } : {}) };
      this.built.set(key, programme);
    }
    return programme;
  }
}
