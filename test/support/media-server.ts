/** A local HTTP server with the answers media-fetch tests need: images, redirects, errors, slow and huge bodies. */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface MediaServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  /** Requests received, by path, so a test can prove a refused URL was never requested. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startMediaServer(image: Buffer): Promise<MediaServer> {
  const hits = new Map<string, number>();
  const sockets = new Set<import("node:net").Socket>();
  let origin = "";
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const redirect = (location: string) => {
      res.writeHead(302, { location });
      res.end();
    };
    switch (path) {
      case "/image":
        res.writeHead(200, { "content-type": "image/png", "content-length": image.length });
        res.end(image);
        return;
      case "/image-chunked":
        res.writeHead(200, { "content-type": "image/png" });
        res.write(image.subarray(0, 10));
        res.end(image.subarray(10));
        return;
      case "/text":
        res.writeHead(200, { "content-type": "image/jpeg" });
        res.end("this is not an image\n".repeat(20));
        return;
      case "/redirect":
        return redirect("/image");
      case "/redirect-absolute":
        return redirect(`${origin}/redirect`);
      case "/redirect-loop":
        return redirect("/redirect-loop");
      case "/redirect-private":
        return redirect(`http://10.0.0.1:${(server.address() as AddressInfo).port}/image`);
      case "/redirect-file":
        return redirect("file:///etc/passwd");
      case "/missing":
        res.writeHead(404);
        res.end("not here");
        return;
      case "/huge-declared":
        res.writeHead(200, { "content-length": 50 * 1024 * 1024 });
        res.write(Buffer.alloc(1024));
        return; // never finishes; the client must stop at the header
      case "/huge-streamed": {
        res.writeHead(200, { "content-type": "image/png" });
        const chunk = Buffer.alloc(64 * 1024, 1);
        const pump = () => {
          while (!res.destroyed && res.write(chunk)) {}
          if (!res.destroyed) res.once("drain", pump);
        };
        pump();
        return;
      }
      case "/hang":
        return; // never answers
      case "/dribble": {
        res.writeHead(200, { "content-type": "image/png" });
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write("x")), 100);
        res.on("close", () => clearInterval(timer));
        return;
      }
      default:
        res.writeHead(404);
        res.end();
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    hits,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, "close");
    },
  };
}

/** A port on 127.0.0.1 with nothing listening. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  server.close();
  await once(server, "close");
  return port;
}
