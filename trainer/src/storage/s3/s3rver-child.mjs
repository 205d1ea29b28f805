// Test helper: runs an s3rver 3 server in its own Node process (started by s3rver-process.ts).
// Why a child: s3rver 3 encrypts ListObjectsV2 continuation tokens with DES, which Node >= 17
// (OpenSSL 3) only offers under --openssl-legacy-provider, so every truncated listing fails
// in-process with a 500. Usage: node --openssl-legacy-provider s3rver-child.mjs <dir> <bucket>
import S3rver from "s3rver";

const [directory, bucket, fixedPort] = process.argv.slice(2);
const server = new S3rver({
  address: "127.0.0.1",
  port: Number(fixedPort ?? 0), // 0: the OS picks a free port; run() resolves to the bound address
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
// The parent keeps our stdin open; when it closes (parent finished or died) we shut down.
process.stdin.resume();
process.stdin.on("end", () => {
  server.close().finally(() => process.exit(0));
});
