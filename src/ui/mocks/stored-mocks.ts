import { filesRepo } from '../data/studio-db';

/** A file's mocks text as stored now (the Mocks panel writes it apart from the source; see `RunDeps.mocksOf`). */
export const storedMocks = async (fileId: string): Promise<string | undefined> => (await filesRepo.get(fileId))?.mocks;
