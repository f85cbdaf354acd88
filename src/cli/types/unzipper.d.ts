// The part of unzipper (exceljs's own unzip library) that read-input.ts uses: a zip read through its central directory.
declare module 'unzipper' {
  import type { Readable } from 'stream';

  export interface CentralDirectoryFile {
    path: string;
    type: 'File' | 'Directory';
    stream(): Readable;
  }

  export const Open: {
    file(path: string): Promise<{ files: CentralDirectoryFile[] }>;
  };
}
