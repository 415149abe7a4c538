import { hash } from 'node:crypto';
import { join } from 'node:path';

/** The sub-folders of a file store's data folder. */
export const FILE_STORE_FOLDERS = ['learners', 'identities', 'progress', 'answers', 'links', 'owned', 'organisations', 'tmp'] as const;

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * Where each document of the file store lives:
 * learners/<id>.json, identities/<sha256(identityKey)>.json, progress/<id>.json, answers/<id>.jsonl,
 * links/<sha256(code hash)>.json, owned/<id>.jsonl (what else a learner owns: see OwnedEntry), organisations/<id>.json;
 * tmp/ for files being written (cleared at start-up); indexes.json records which indexes the folder has been given.
 * Every look-up is by the name of one file: nothing scans a folder whose size grows with the number of learners.
 * Ids the store mints (UUIDs) are used as file names as they are; any other id is hashed, so no caller-supplied
 * string can reach outside the data folder.
 */
export class FileLayout {
  constructor(readonly dataDir: string) {}

  folder(name: (typeof FILE_STORE_FOLDERS)[number]): string {
    return join(this.dataDir, name);
  }

  learnerFile(learnerId: string): string {
    return join(this.dataDir, 'learners', `${fileName(learnerId)}.json`);
  }

  identityFile(identityKey: string): string {
    return join(this.dataDir, 'identities', `${sha256(identityKey)}.json`);
  }

  progressFile(learnerId: string): string {
    return join(this.dataDir, 'progress', `${fileName(learnerId)}.json`);
  }

  linkCodeFile(codeHash: string): string {
    return join(this.dataDir, 'links', `${sha256(codeHash)}.json`);
  }

  organisationFile(organisationId: string): string {
    return join(this.dataDir, 'organisations', `${fileName(organisationId)}.json`);
  }

  ownedFile(learnerId: string): string {
    return join(this.dataDir, 'owned', `${fileName(learnerId)}.jsonl`);
  }

  /** Where atomic writes put their temporary files: one folder to clear after a crash, whatever the store's size. */
  get temporaryDir(): string {
    return join(this.dataDir, 'tmp');
  }

  get indexesFile(): string {
    return join(this.dataDir, 'indexes.json');
  }

  answersFile(learnerId: string): string {
    return join(this.dataDir, 'answers', `${fileName(learnerId)}.jsonl`);
  }
}

// '~' never occurs in a safe name, so a hashed name cannot collide with an id used as it is.
function fileName(id: string): string {
  return SAFE_NAME.test(id) ? id : `~${sha256(id)}`;
}

function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}
