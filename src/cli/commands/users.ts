/** `vigil users create|list`: console users and their roles (the password is read from stdin, never argv). */
import { text } from "node:stream/consumers";
import { type Command, Option } from "commander";
import { UserRepository } from "../../store/repositories/user-repository.js";
import { USER_ROLES, type UserRole } from "../../store/schema.js";
import { addStoreOptions, type StoreOptions, withStore } from "../open-store.js";
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
      await withStore(options, async (database) => {
        const user = await new UserRepository(database.db).create(
          options.email,
          options.role,
          options.name,
          password,
        );
        await writeLine(`created ${user.email} (${user.role})`);
      });
    },
  );
  addStoreOptions(users.command("list").description("list users and roles")).action(
    async (options: StoreOptions) => {
      await withStore(options, async (database) => {
        for (const u of await new UserRepository(database.db).list()) {
          await writeLine(`${u.email}\t${u.role}\t${u.disabledAt ? "disabled" : "active"}`);
        }
      });
    },
  );
}
