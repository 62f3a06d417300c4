/** Child process entry for startReceiverProcess: serves the counting receiver, answers "stats" over IPC. */
import { startCountingReceiver } from "./bulk-receiver.js";

const receiver = await startCountingReceiver(process.env.VIGIL_BENCH_RECEIVER_SECRET ?? "");
process.send?.({ url: receiver.url });
process.on("message", (message) => {
  if (message !== "stats") return;
  process.send?.({
    byAction: receiver.byAction(),
    requests: receiver.requests(),
    duplicates: receiver.duplicates(),
    badSignatures: receiver.badSignatures(),
  });
});
process.on("disconnect", () => void receiver.close().then(() => process.exit(0)));
