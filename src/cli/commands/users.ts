/**
 * `vigil users create|list`: console users and their roles (the password is
 * read from stdin, never argv). Through the server while it owns the folder.
 */
import { text } from "node:stream/consumers";
import { type Command, Option } from "commander";
import { USER_ROLES, type UserRole } from "../../store/schema.js";
import { withAdmin } from "../admin-session.js";
import { addStoreOptions, type StoreOptions } from "../open-store.js";
import { writeLine } from "../write-line.js";

export function registerUsersCommands(program: Command): void {
  const users = program.command("users").description("console users and roles");
  addStoreOptions(
    users
      .command("create")
      .description("create a user; with --password-stdin the first line of stdin is the password")
      .requiredOption("--email <email>")
      .addOption(new Option("--role <role>").choices([...USER_ROLES]).makeOptionMandatory())
      .option("--name <name>", "display name", "")
      .option("--password-stdin", "read the password from stdin", false),
  ).action(
    async (
      options: StoreOptions & { email: string; role: UserRole; name: string; passwordStdin: boolean },
    ) => {
      const password = options.passwordStdin ? (await text(process.stdin)).split("\n")[0] : undefined;
      if (password !== undefined && password.length < 12)
        throw new Error("passwords must be at least 12 characters");
      await withAdmin(options, async (admin) => {
        const user = await admin.createUser({
          email: options.email,
          role: options.role,
          name: options.name,
          password,
        });
        await writeLine(`created ${user.email} (${user.role})`);
      });
    },
  );
  addStoreOptions(users.command("list").description("list users and roles")).action(
    async (options: StoreOptions) => {
      await withAdmin(options, async (admin) => {
        for (const u of await admin.listUsers()) await writeLine(`${u.email}\t${u.role}\t${u.status}`);
      });
    },
  );
}
