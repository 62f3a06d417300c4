/** The review service (issue 16) built from the database handle and the service's repositories. */
import { ReviewService } from "../review/review-service.js";
import { SearchService } from "../search/search-service.js";
import type { VigilDb } from "../store/database.js";
import { CaseListRepository } from "../store/repositories/case-list-repository.js";
import { EnforcementRepository } from "../store/repositories/enforcement-repository.js";
import { RelatedRepository } from "../store/repositories/related-repository.js";
import { SearchRepository } from "../store/repositories/search-repository.js";
import { WorkspaceRepository } from "../store/repositories/workspace-repository.js";
import type { Repositories } from "./context.js";

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

export function searchService(
  db: VigilDb,
  phoneKey: (e164: string) => string,
  country: string,
): SearchService {
  return new SearchService({
    search: new SearchRepository(db),
    caseLists: new CaseListRepository(db),
    enforcement: new EnforcementRepository(db),
    phoneKey,
    country,
  });
}
