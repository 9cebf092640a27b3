// TLS material for a test Docker engine reached over TCP: a throwaway CA, a server certificate valid
// for 127.0.0.1 and localhost, and a client certificate (dockerd's --tlsverify accepts only clients
// signed by its CA). Made with the openssl CLI so no crypto library joins the dependencies; P-256
// keys because they are generated in milliseconds where RSA takes a noticeable fraction of a second.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";

/** File paths of one side's PEMs: the CA to trust, its own certificate and private key. */
export interface TlsFiles {
  ca: string;
  cert: string;
  key: string;
}

export interface TestTlsCerts {
  server: TlsFiles;
  client: TlsFiles;
}

const VALID_DAYS = "2";

async function openssl(args: string[], cwd: string): Promise<void> {
  const result = await execa("openssl", args, { cwd, reject: false, stdin: "ignore" });
  if (result.failed) {
    const why = result.stderr.trim() || result.message;
    throw new Error(
      `openssl ${args.join(" ")} failed in ${cwd}: ${why}\n` +
        "Fix: install openssl (bash scripts/setup-machine.sh installs it when missing).",
    );
  }
}

async function newKeyAndRequest(dir: string, name: string, subject: string): Promise<void> {
  await openssl(
    [
      "req",
      "-new",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      `${name}-key.pem`,
      "-out",
      `${name}.csr`,
      "-subj",
      subject,
    ],
    dir,
  );
  chmodSync(join(dir, `${name}-key.pem`), 0o600);
}

async function signWithCa(dir: string, name: string, extensions: string): Promise<void> {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  await openssl(
    [
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca-key.pem",
      "-CAcreateserial",
      "-days",
      VALID_DAYS,
      "-extfile",
      `${name}.ext`,
      "-out",
      `${name}-cert.pem`,
    ],
    dir,
  );
}

/** Writes a CA, a server and a client certificate into `dir` (created 0700; private keys 0600). */
export async function makeTestTlsCerts(dir: string): Promise<TestTlsCerts> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  await openssl(
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      "ca-key.pem",
      "-out",
      "ca.pem",
      "-days",
      VALID_DAYS,
      "-subj",
      "/CN=dgm test engine CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ],
    dir,
  );
  chmodSync(join(dir, "ca-key.pem"), 0o600);
  await Promise.all([
    newKeyAndRequest(dir, "server", "/CN=localhost"),
    newKeyAndRequest(dir, "client", "/CN=dgm-test-client"),
  ]);
  // Signed one after the other: both would otherwise race on the CA's serial file.
  await signWithCa(dir, "server", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  await signWithCa(dir, "client", "extendedKeyUsage=clientAuth\n");
  const ca = join(dir, "ca.pem");
  return {
    server: { ca, cert: join(dir, "server-cert.pem"), key: join(dir, "server-key.pem") },
    client: { ca, cert: join(dir, "client-cert.pem"), key: join(dir, "client-key.pem") },
  };
}
