/**
 * The process-wide switches a CLI command honours as `vigil serve` does
 * (app/config.ts reads the same variables for the service): the WebAssembly
 * kernels off for comparison, the scratch folder for video copies, the
 * CyberTipline XML dump folder.
 */
import { disableWasmKernel } from "../hashing/pdq/wasm-kernel.js";
import { disableWasmScan } from "../matching/wasm-scan.js";
import { setScratchRoot } from "../media/scratch-file.js";
import { setXmlDumpDir } from "../report/cybertip/xml-dump.js";

export function applyEngineSwitches(env: Readonly<Record<string, string | undefined>> = process.env): void {
  if (env.VIGIL_PDQ_WASM === "0") disableWasmKernel();
  if (env.VIGIL_MATCH_WASM === "0") disableWasmScan();
  setScratchRoot(env.VIGIL_SCRATCH_DIR || undefined);
  setXmlDumpDir(env.VIGIL_XML_DUMP_DIR || undefined);
}
