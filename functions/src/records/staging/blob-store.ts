/**
 * Where staged uploads wait between POST …/records/uploads and filing: Azure Blob Storage
 * (container `<prefix>komu-uploads`, Azurite locally, the same storage account as the tables).
 * Blob names are `<schoolId>/<uploadId>`; the upload row in the entity table is the index, and
 * the sweep job deletes both after 24 h.
 */
import { BlobServiceClient, type ContainerClient } from "@azure/storage-blob";

export const UPLOAD_CONTAINER = "komu-uploads";

export interface UploadBlobStore {
  put(name: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes, or undefined when the blob is gone. */
  get(name: string): Promise<Uint8Array | undefined>;
  /** Reads `length` bytes from `offset` (for upload-session chunks without holding the whole file). */
  getRange(name: string, offset: number, length: number): Promise<Uint8Array>;
  delete(name: string): Promise<void>;
  readonly containerName: string;
}

const isNotFound = (e: unknown) => (e as { statusCode?: number }).statusCode === 404;

export function createAzureUploadBlobStore(connectionString: string, prefix = ""): UploadBlobStore {
  const containerName = `${prefix}${UPLOAD_CONTAINER}`;
  let ready: Promise<ContainerClient> | undefined;
  const container = () => {
    ready ??= (async () => {
      const client = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(containerName);
      await client.createIfNotExists();
      return client;
    })();
    ready.catch(() => {
      ready = undefined;
    });
    return ready;
  };

  return {
    containerName,
    async put(name, bytes, contentType) {
      const blob = (await container()).getBlockBlobClient(name);
      await blob.uploadData(bytes, { blobHTTPHeaders: { blobContentType: contentType } });
    },
    async get(name) {
      const blob = (await container()).getBlockBlobClient(name);
      try {
        return new Uint8Array(await blob.downloadToBuffer());
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    },
    async getRange(name, offset, length) {
      const blob = (await container()).getBlockBlobClient(name);
      return new Uint8Array(await blob.downloadToBuffer(offset, length));
    },
    async delete(name) {
      const blob = (await container()).getBlockBlobClient(name);
      await blob.deleteIfExists();
    },
  };
}
