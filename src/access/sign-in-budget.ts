/**
 * Failed console sign-ins are limited per account and per network address
 * (OWASP Authentication Cheat Sheet, "Login Throttling"). Each attempt
 * reserves a slot of the budget in the database before its password is
 * checked (store/repositories/sign-in-attempt-repository.ts), so 30 attempts
 * at once check at most the limit, in one API process or many; past the limit
 * in the sliding window, sign-in is refused without checking the password.
 * A success clears the account's failures.
 */
import type {
  AttemptLimits,
  SignInAttemptRepository,
} from "../store/repositories/sign-in-attempt-repository.js";

export const DEFAULT_SIGN_IN_LIMITS: AttemptLimits = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perAddress: 20,
};

export type SignInVerdict =
  | { allowed: true; settle(succeeded: boolean): Promise<void> }
  | { allowed: false; retryAfterSeconds: number; by: "account" | "address" };

export class SignInBudget {
  constructor(
    private readonly attempts: SignInAttemptRepository,
    private readonly limits: AttemptLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a slot, or says when one frees; an allowed attempt must be settled once its password is checked. */
  async reserve(account: string, address: string): Promise<SignInVerdict> {
    const reservation = await this.attempts.reserve(account, address, this.limits, new Date(this.now()));
    if (!reservation.reserved)
      return { allowed: false, by: reservation.by, retryAfterSeconds: reservation.retryAfterSeconds };
    return {
      allowed: true,
      settle: (succeeded) =>
        succeeded ? this.attempts.succeeded(account) : this.attempts.failed(reservation.id),
    };
  }
}
