/**
 * Told about every read the file store makes: a file read, or a folder listed with the number of entries it held.
 * Tests use it to check that an operation reads a bounded number of records however many learners are stored.
 */
export type FileReadObserver = (read: { readonly kind: 'file' | 'folder'; readonly path: string; readonly entries?: number }) => void;
