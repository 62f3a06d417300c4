/** The review service (issue 16) built from the database handle and the service's repositories. */
import { ReviewService } from "./review/review-service.js";
import type { Repositories } from "./server-context.js";
import type { VigilDb } from "./store/database.js";
import { CaseListRepository } from "./store/repositories/case-list-repository.js";
import { EnforcementRepository } from "./store/repositories/enforcement-repository.js";
import { RelatedRepository } from "./store/repositories/related-repository.js";
import { WorkspaceRepository } from "./store/repositories/workspace-repository.js";

export function reviewService(db: VigilDb, repos: Repositories, onActionsQueued: () => void): ReviewService {
  return new ReviewService({
    db,
    cases: repos.cases,
    caseLists: new CaseListRepository(db),
    workspace: new WorkspaceRepository(db),
    enforcement: new EnforcementRepository(db),
    related: new RelatedRepository(db),
    subjectHistory: repos.subjectHistory,
    onActionsQueued,
  });
}
