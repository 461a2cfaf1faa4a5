// The SMTP test peer as its own process (for the exactly-once test): `tsx smtp-peer-process.ts LOGFILE`.
// Prints "listening PORT" once ready; appends each received Message-ID to LOGFILE before answering 250.
import { startSmtpPeer } from './smtp-peer.ts';

const log = process.argv[2];
if (log === undefined) throw new Error('usage: smtp-peer-process.ts LOGFILE');
const peer = await startSmtpPeer({ receivedLog: log, parse: false });
process.stdout.write(`listening ${peer.port}\n`);
process.on('SIGTERM', () => {
  void peer.close().then(() => process.exit(0));
});
