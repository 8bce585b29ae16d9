// The REST operations the fake GitHub implements, keyed by OpenAPI operationId. Each follows
// GitHub's documented semantics (status codes, response shapes, pagination) closely enough that
// the App cannot tell it from GitHub for the calls it makes. A real operation missing from this
// table is answered 501 and reported as a violation, so a test never passes by accident.
import { createHash } from "node:crypto";
import type { CheckRunState, CommentState, GitHubState, GitHubUser, IssueState, LabelInput, LabelState, PullState, RepoState } from "./state.ts";

export interface Reply {
  status: number;
  /** Objects and arrays are sent as JSON; strings as text (set content-type in `headers`). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface OperationContext {
  state: GitHubState;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, already checked against the operation's top-level schema. */
  body: Record<string, unknown>;
  request: Request;
}

/** An answer GitHub itself gives (404, 422 …): legitimate behaviour, not a violation. */
export class GitHubHttpError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.body = { message, documentation_url: "https://docs.github.com/rest", status: String(status), ...extra };
  }
}

/** A request GitHub would reject that can only come from a bug in the client; reported as a violation. */
export class RequestViolation extends Error {
  readonly status: number;
  constructor(message: string, status = 422) {
    super(message);
    this.status = status;
  }
}

const notFound = () => new GitHubHttpError(404, "Not Found");
const json = (body: unknown, status = 200): Reply => ({ status, body });

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

/** One page of `items` plus GitHub's Link header, whose URLs point back at the requested URL. */
function paginate<T>(ctx: OperationContext, items: T[]): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Number(ctx.query.get("per_page")) || DEFAULT_PER_PAGE));
  const page = Math.max(1, Number(ctx.query.get("page")) || 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const pageUrl = (n: number) => {
    const url = new URL(ctx.request.url);
    url.searchParams.set("per_page", String(perPage));
    url.searchParams.set("page", String(n));
    return url.href;
  };
  const links: string[] = [];
  if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`);
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`);
  return { items: items.slice((page - 1) * perPage, page * perPage), headers: links.length > 0 ? { link: links.join(", ") } : {} };
}

const paginated = <T>(ctx: OperationContext, items: T[], wrap: (page: T[]) => unknown = (page) => page): Reply => {
  const { items: page, headers } = paginate(ctx, items);
  return { status: 200, body: wrap(page), headers };
};

const repoOf = (ctx: OperationContext): RepoState => {
  const repo = ctx.state.findRepo(ctx.params.owner ?? "", ctx.params.repo ?? "");
  if (!repo) throw notFound();
  return repo;
};

const intParam = (ctx: OperationContext, name: string): number => {
  const value = Number(ctx.params[name]);
  if (!Number.isInteger(value)) throw notFound();
  return value;
};

/** Pull requests are issues too: the issues API reads and writes their title, state and labels. */
const issueOrPull = (repo: RepoState, number: number): IssueState | PullState => {
  const found = repo.issues.get(number) ?? repo.pulls.get(number);
  if (!found) throw notFound();
  return found;
};

const isPull = (item: IssueState | PullState): item is PullState => "head" in item;

function pullJson(repo: RepoState, pull: PullState) {
  const { files: _files, ...fields } = pull;
  return { ...fields, merged: pull.merged_at !== null, comments: repo.comments.get(pull.number)?.length ?? 0 };
}

// Fields pulls/get has and the "pull request simple" of list endpoints does not.
const DETAIL_ONLY_PULL_FIELDS = [
  "merged",
  "mergeable",
  "rebaseable",
  "mergeable_state",
  "merged_by",
  "comments",
  "review_comments",
  "maintainer_can_modify",
  "commits",
  "additions",
  "deletions",
  "changed_files",
];

function pullSimpleJson(repo: RepoState, pull: PullState) {
  const full: Record<string, unknown> = pullJson(repo, pull);
  for (const field of DETAIL_ONLY_PULL_FIELDS) delete full[field];
  return full;
}

function issueJson(state: GitHubState, repo: RepoState, item: IssueState | PullState) {
  const common = {
    id: item.id,
    node_id: item.node_id,
    url: `${state.repoUrl(repo)}/issues/${item.number}`,
    repository_url: state.repoUrl(repo),
    labels_url: `${state.repoUrl(repo)}/issues/${item.number}/labels{/name}`,
    comments_url: `${state.repoUrl(repo)}/issues/${item.number}/comments`,
    html_url: item.html_url,
    number: item.number,
    title: item.title,
    body: item.body,
    state: item.state,
    locked: item.locked,
    user: item.user,
    labels: item.labels,
    assignee: (item.assignees as IssueState["assignees"] | undefined)?.[0] ?? null,
    assignees: item.assignees ?? [],
    milestone: null,
    comments: repo.comments.get(item.number)?.length ?? 0,
    created_at: item.created_at,
    updated_at: item.updated_at,
    closed_at: item.closed_at,
    author_association: item.author_association ?? "CONTRIBUTOR",
  };
  if (!isPull(item)) return { ...common, state_reason: item.state_reason };
  const pull_request = {
    url: item.url,
    html_url: item.html_url,
    diff_url: `${item.html_url}.diff`,
    patch_url: `${item.html_url}.patch`,
    merged_at: item.merged_at,
  };
  return { ...common, draft: item.draft, pull_request };
}

const labelNames = (body: Record<string, unknown>): LabelInput[] => {
  const labels = body.labels;
  if (labels === undefined) return [];
  if (!Array.isArray(labels)) throw new RequestViolation(`labels must be an array, got ${JSON.stringify(labels)}`);
  return labels.map((label: unknown) => {
    if (typeof label === "string") return label;
    if (label && typeof label === "object" && typeof (label as { name?: unknown }).name === "string") return (label as { name: string }).name;
    throw new RequestViolation(`labels must be names or {name} objects, got ${JSON.stringify(label)}`);
  });
};

/** The token of an `Authorization: token …` or `Bearer …` header ("" without one). */
export function tokenOf(authorization: string | null): string {
  return /^(?:token|bearer) (\S+)$/i.exec(authorization ?? "")?.[1] ?? "";
}

const requestToken = (ctx: OperationContext): string => tokenOf(ctx.request.headers.get("authorization"));

/** Who a write acts as, from its token (`GitHubState.actorForToken`). */
export const actorOf = (ctx: OperationContext): GitHubUser => ctx.state.actorForToken(requestToken(ctx));

// Label changes made through the API are recorded as issue events by the token's actor.
function addLabels(ctx: OperationContext, repo: RepoState, item: IssueState | PullState, labels: LabelInput[]) {
  const { state } = ctx;
  for (const input of labels) {
    const label = state.ensureLabel(repo, input);
    if (item.labels.some((l) => l.name.toLowerCase() === label.name.toLowerCase())) continue;
    item.labels.push(label);
    state.recordLabelEvent(repo, item.number, "labeled", label, actorOf(ctx));
  }
}

const isRaw = (request: Request) => /\.raw\b/.test(request.headers.get("accept") ?? "");

const gitBlobSha = (content: string) => {
  const bytes = Buffer.from(content);
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
};

const fakeDirSha = (path: string) => createHash("sha1").update(`tree ${path}`).digest("hex");

function getContent(ctx: OperationContext): Reply {
  const { state } = ctx;
  const repo = repoOf(ctx);
  const path = (ctx.params.path ?? "").replace(/^\/+|\/+$/g, "");
  const ref = ctx.query.get("ref");
  const files = ref === null || ref === repo.defaultBranch ? repo.files : repo.filesAtRef.get(ref);
  if (!files) throw new GitHubHttpError(404, `No commit found for the ref ${ref}`);
  const refQuery = `?ref=${encodeURIComponent(ref ?? repo.defaultBranch)}`;
  const entry = (entryPath: string, type: "file" | "dir", content?: string) => {
    const sha = content === undefined ? fakeDirSha(entryPath) : gitBlobSha(content);
    const url = `${state.repoUrl(repo)}/contents/${entryPath}${refQuery}`;
    const htmlUrl = `${state.webUrl}/${repo.owner}/${repo.name}/${type === "file" ? "blob" : "tree"}/${ref ?? repo.defaultBranch}/${entryPath}`;
    return {
      type,
      name: entryPath.split("/").pop(),
      path: entryPath,
      sha,
      size: content === undefined ? 0 : Buffer.byteLength(content),
      url,
      html_url: htmlUrl,
      git_url: `${state.repoUrl(repo)}/git/${type === "file" ? "blobs" : "trees"}/${sha}`,
      download_url: type === "file" ? `https://raw.githubusercontent.com/${repo.owner}/${repo.name}/${ref ?? repo.defaultBranch}/${entryPath}` : null,
      _links: { self: url, git: `${state.repoUrl(repo)}/git/blobs/${sha}`, html: htmlUrl },
    };
  };

  const content = files.get(path);
  if (content !== undefined) {
    // The raw media type is answered as text/plain, which @probot/octokit-plugin-config relies on:
    // it treats an application/json answer as "this path is a directory".
    if (isRaw(ctx.request)) return { status: 200, body: content, headers: { "content-type": "text/plain; charset=utf-8" } };
    // GitHub wraps base64 content at 60 characters.
    const base64 = Buffer.from(content).toString("base64").replace(/.{60}/g, "$&\n");
    return json({ ...entry(path, "file", content), content: base64, encoding: "base64" });
  }
  // A directory answers with its listing, as JSON even when raw was asked for.
  const prefix = path === "" ? "" : `${path}/`;
  const children = new Map<string, ReturnType<typeof entry>>();
  for (const [filePath, fileContent] of files) {
    if (!filePath.startsWith(prefix)) continue;
    const [name, ...deeper] = filePath.slice(prefix.length).split("/");
    const childPath = `${prefix}${name}`;
    children.set(childPath, deeper.length > 0 ? entry(childPath, "dir") : entry(childPath, "file", fileContent));
  }
  if (children.size === 0) throw notFound();
  return json([...children.values()].sort((a, b) => a.path.localeCompare(b.path)));
}

function listCheckRuns(ctx: OperationContext): Reply {
  const repo = repoOf(ctx);
  const ref = ctx.params.ref ?? "";
  // A ref is a SHA, or a branch name resolved through the pull requests' heads.
  const shas = new Set([ref, ...[...repo.pulls.values()].filter((p) => p.head.ref === ref).map((p) => p.head.sha)]);
  const checkName = ctx.query.get("check_name");
  const status = ctx.query.get("status");
  const appId = ctx.query.get("app_id");
  let runs = [...repo.checkRuns.values()]
    .filter((run) => shas.has(run.head_sha))
    .filter((run) => checkName === null || run.name === checkName)
    .filter((run) => status === null || run.status === status)
    .filter((run) => appId === null || String(run.app.id) === appId)
    .sort((a, b) => b.id - a.id);
  // filter=latest (the default) keeps only the newest run per app and name: a re-run replaces it.
  if ((ctx.query.get("filter") ?? "latest") === "latest") {
    const seen = new Set<string>();
    runs = runs.filter((run) => {
      const key = `${run.app.id}\0${run.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  return paginated(ctx, runs, (page) => ({ total_count: runs.length, check_runs: page }));
}

/** Applies checks/create or checks/update body fields with GitHub's status/conclusion coupling. */
function applyCheckRunFields(state: GitHubState, run: CheckRunState, body: Record<string, unknown>) {
  const {
    output,
    actions: _actions,
    ...fields
  } = body as Partial<CheckRunState> & { output?: Partial<CheckRunState["output"]> & { annotations?: unknown[] }; actions?: unknown };
  Object.assign(run, fields);
  if (output) {
    const { annotations, images: _images, ...text } = output as typeof output & { images?: unknown };
    // A new output replaces the old one; only the annotation count accumulates.
    run.output = {
      title: text.title ?? null,
      summary: text.summary ?? null,
      text: text.text ?? null,
      annotations_count: run.output.annotations_count + (annotations?.length ?? 0),
    };
  }
  // Giving a conclusion completes the run; completing it requires one.
  if (fields.conclusion != null) run.status = "completed";
  if (run.status === "completed") {
    if (run.conclusion == null) throw new RequestViolation(`check run "${run.name}": status "completed" requires a conclusion`);
    run.completed_at ??= state.now();
  }
}

function createComment(ctx: OperationContext, repo: RepoState, issueNumber: number): CommentState {
  const { state } = ctx;
  const user = actorOf(ctx);
  return state.addComment(repo.owner, repo.name, issueNumber, {
    body: String(ctx.body.body),
    user,
    author_association: "NONE",
    // Only the app's own bot writes "via" the app; a workflow's or a person's token does not.
    performed_via_github_app: user.login === state.botUser().login ? state.app() : null,
  });
}

const commentOf = (ctx: OperationContext, repo: RepoState) => {
  const found = ctx.state.findComment(repo, intParam(ctx, "comment_id"));
  if (!found) throw notFound();
  return found;
};

const labelsOnIssue = (ctx: OperationContext): Reply => {
  const repo = repoOf(ctx);
  return json(issueOrPull(repo, intParam(ctx, "issue_number")).labels);
};

function applyIssueFields(ctx: OperationContext, repo: RepoState, item: IssueState | PullState) {
  const { state, body } = ctx;
  if (typeof body.title === "string") item.title = body.title;
  if (body.body !== undefined) item.body = body.body as string | null;
  if (body.state === "open" || body.state === "closed") {
    if (body.state !== item.state) item.closed_at = body.state === "closed" ? state.now() : null;
    item.state = body.state;
    if (!isPull(item))
      item.state_reason =
        body.state === "closed"
          ? ((body.state_reason as string | undefined) ?? "completed")
          : body.state_reason === undefined
            ? "reopened"
            : (body.state_reason as string | null);
  }
  if (body.labels !== undefined) {
    item.labels = [];
    addLabels(ctx, repo, item, labelNames(body));
  }
  if (Array.isArray(body.assignees)) item.assignees = body.assignees.map((login) => state.user(String(login)));
  item.updated_at = state.now();
}

const byCreatedAt = (ctx: OperationContext) => {
  const sort = ctx.query.get("sort") ?? "created";
  const ascending = ctx.query.get("direction") === "asc";
  return (a: { created_at: string; updated_at: string; number: number }, b: typeof a) => {
    const key = sort === "updated" ? "updated_at" : "created_at";
    const order = a[key].localeCompare(b[key]) || a.number - b.number;
    return ascending ? order : -order;
  };
};

const matchesState = (ctx: OperationContext, item: { state: string }) => {
  const wanted = ctx.query.get("state") ?? "open";
  return wanted === "all" || item.state === wanted;
};

/** The installation an installation token was issued for; other credentials see none. */
const installationOfToken = (ctx: OperationContext): number => {
  const token = requestToken(ctx);
  const issued = ctx.state.tokens.find((entry) => entry.token === token);
  if (issued === undefined) throw new GitHubHttpError(403, "This endpoint requires an installation access token");
  return issued.installationId;
};

/** An installation as the apps endpoints return it (on a user account, for selected repositories). */
const installationJson = (state: GitHubState, id: number, owner: string) => ({
  id,
  account: state.user(owner),
  app_id: state.options.appId,
  app_slug: state.options.appSlug,
  target_id: state.user(owner).id,
  target_type: state.user(owner).type,
  repository_selection: "selected",
  access_tokens_url: `${state.apiUrl}/app/installations/${id}/access_tokens`,
  repositories_url: `${state.apiUrl}/installation/repositories`,
  html_url: `${state.webUrl}/settings/installations/${id}`,
  permissions: { checks: "write", contents: "read", issues: "write", metadata: "read", pull_requests: "write" },
  events: ["check_run", "issue_comment", "pull_request"],
  created_at: state.startedAt,
  updated_at: state.startedAt,
  single_file_name: null,
  suspended_at: null,
  suspended_by: null,
});

/** The legacy `permission` field folds maintain into write and triage into read. */
const LEGACY_PERMISSION = { admin: "admin", maintain: "write", write: "write", triage: "read", read: "read" } as const;

export const operations: Record<string, (ctx: OperationContext) => Reply> = {
  "apps/get-authenticated": ({ state }) => json(state.app()),

  "users/get-authenticated": (ctx) => {
    const token = requestToken(ctx);
    // An installation token (a workflow's GITHUB_TOKEN, an app's) acts for no user.
    if (token.startsWith("ghs_")) throw new GitHubHttpError(403, "Resource not accessible by integration");
    const login = ctx.state.personalTokens.get(token);
    if (login === undefined) throw new GitHubHttpError(401, "Bad credentials");
    return json({ ...ctx.state.user(login), name: null, email: null, created_at: ctx.state.startedAt, updated_at: ctx.state.startedAt });
  },

  "apps/list-installations": (ctx) => {
    const repos = [...ctx.state.repos.values()];
    const ids = [...new Set(repos.map((repo) => repo.installationId))].sort((a, b) => a - b);
    return paginated(
      ctx,
      ids.map((id) => installationJson(ctx.state, id, repos.find((repo) => repo.installationId === id)?.owner ?? "octocat")),
    );
  },

  "repos/list-for-org": (ctx) => {
    const org = ctx.params.org ?? "";
    if (ctx.state.user(org).type !== "Organization") throw notFound();
    const repos = [...ctx.state.repos.values()].filter((repo) => repo.owner.toLowerCase() === org.toLowerCase());
    return paginated(
      ctx,
      repos.map((repo) => ctx.state.repoJson(repo)),
    );
  },

  "apps/list-repos-accessible-to-installation": (ctx) => {
    const installationId = installationOfToken(ctx);
    const repos = [...ctx.state.repos.values()].filter((repo) => repo.installationId === installationId);
    return paginated(
      ctx,
      repos.map((repo) => ctx.state.repoJson(repo)),
      (page) => ({ total_count: repos.length, repositories: page }),
    );
  },

  "repos/get-collaborator-permission-level": (ctx) => {
    const repo = repoOf(ctx);
    const login = ctx.params.username ?? "";
    const role = repo.collaborators.get(login.toLowerCase());
    if (role === undefined) throw new GitHubHttpError(404, `${login} is not a user`);
    return json({ permission: LEGACY_PERMISSION[role], role_name: role, user: ctx.state.user(login) });
  },

  "reactions/create-for-issue-comment": (ctx) => {
    const repo = repoOf(ctx);
    const id = intParam(ctx, "comment_id");
    if (ctx.state.findComment(repo, id) === undefined) throw notFound();
    const content = String(ctx.body.content);
    const user = actorOf(ctx);
    repo.reactions.push({ commentId: id, content, login: user.login });
    return json({ id: ctx.state.nextId(), node_id: "REA_fake", user, content, created_at: ctx.state.now() }, 201);
  },

  "apps/create-installation-access-token": (ctx) => {
    const { state } = ctx;
    // Only an app JWT may ask for an installation token.
    const authorization = ctx.request.headers.get("authorization") ?? "";
    if (!/^bearer [\w-]+\.[\w-]+\.[\w-]+$/i.test(authorization)) {
      throw new GitHubHttpError(401, "A JSON web token could not be decoded");
    }
    const installationId = intParam(ctx, "installation_id");
    const token = `ghs_fake${installationId}x${state.nextId()}`;
    state.tokens.push({ installationId, token });
    const expires = new Date(Date.parse(state.now()) + 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const permissions = (ctx.body.permissions as Record<string, string> | undefined) ?? {
      checks: "write",
      contents: "read",
      issues: "write",
      metadata: "read",
      pull_requests: "write",
    };
    return json({ token, expires_at: expires, permissions, repository_selection: "all" }, 201);
  },

  "apps/get-repo-installation": (ctx) => {
    const repo = repoOf(ctx);
    return json(installationJson(ctx.state, repo.installationId, repo.owner));
  },

  "repos/get": (ctx) => json({ ...ctx.state.repoJson(repoOf(ctx)), permissions: { admin: false, maintain: false, push: false, triage: false, pull: true } }),

  "repos/get-content": getContent,

  "pulls/get": (ctx) => {
    const accept = ctx.request.headers.get("accept") ?? "";
    if (/\.(diff|patch)\b/.test(accept)) throw new RequestViolation(`pulls/get with Accept: ${accept} is not implemented by the fake`, 501);
    const repo = repoOf(ctx);
    const pull = repo.pulls.get(intParam(ctx, "pull_number"));
    if (!pull) throw notFound();
    return json(pullJson(repo, pull));
  },

  "pulls/list": (ctx) => {
    const repo = repoOf(ctx);
    const head = ctx.query.get("head");
    const base = ctx.query.get("base");
    const pulls = [...repo.pulls.values()]
      .filter((pull) => matchesState(ctx, pull))
      .filter((pull) => head === null || head === `${String(pull.head.label).split(":")[0]}:${pull.head.ref}`)
      .filter((pull) => base === null || base === pull.base.ref)
      .sort(byCreatedAt(ctx));
    return paginated(
      ctx,
      pulls.map((pull) => pullSimpleJson(repo, pull)),
    );
  },

  "pulls/list-files": (ctx) => {
    const repo = repoOf(ctx);
    const pull = repo.pulls.get(intParam(ctx, "pull_number"));
    if (!pull) throw notFound();
    return paginated(ctx, pull.files);
  },

  "repos/list-pull-requests-associated-with-commit": (ctx) => {
    const repo = repoOf(ctx);
    const sha = ctx.params.commit_sha;
    const pulls = [...repo.pulls.values()].filter((pull) => pull.head.sha === sha || pull.merge_commit_sha === sha).sort((a, b) => b.number - a.number);
    return paginated(
      ctx,
      pulls.map((pull) => pullSimpleJson(repo, pull)),
    );
  },

  "checks/list-for-ref": listCheckRuns,

  "checks/get": (ctx) => {
    const run = repoOf(ctx).checkRuns.get(intParam(ctx, "check_run_id"));
    if (!run) throw notFound();
    return json(run);
  },

  "checks/create": (ctx) => {
    const { state } = ctx;
    const repo = repoOf(ctx);
    const run = state.addCheckRun(repo.owner, repo.name, { name: String(ctx.body.name), head_sha: String(ctx.body.head_sha) });
    try {
      applyCheckRunFields(state, run, ctx.body);
    } catch (error) {
      repo.checkRuns.delete(run.id);
      throw error;
    }
    return json(run, 201);
  },

  "checks/update": (ctx) => {
    const { state } = ctx;
    const run = repoOf(ctx).checkRuns.get(intParam(ctx, "check_run_id"));
    if (!run) throw notFound();
    // An app may only update its own check runs.
    if (run.app.id !== state.options.appId) throw new GitHubHttpError(403, "Resource not accessible by integration");
    const before = structuredClone(run);
    try {
      applyCheckRunFields(state, run, ctx.body);
    } catch (error) {
      Object.assign(run, before);
      throw error;
    }
    return json(run);
  },

  "issues/list-comments": (ctx) => {
    const repo = repoOf(ctx);
    const number = intParam(ctx, "issue_number");
    issueOrPull(repo, number);
    const since = ctx.query.get("since");
    const comments = (repo.comments.get(number) ?? []).filter((c) => since === null || c.updated_at >= since);
    return paginated(ctx, comments);
  },

  "issues/get-comment": (ctx) => json(commentOf(ctx, repoOf(ctx)).comment),

  "issues/create-comment": (ctx) => {
    const repo = repoOf(ctx);
    const number = intParam(ctx, "issue_number");
    issueOrPull(repo, number);
    return json(createComment(ctx, repo, number), 201);
  },

  "issues/update-comment": (ctx) => {
    const { comment } = commentOf(ctx, repoOf(ctx));
    comment.body = String(ctx.body.body);
    comment.updated_at = ctx.state.now();
    return json(comment);
  },

  "issues/delete-comment": (ctx) => {
    const { comment, thread } = commentOf(ctx, repoOf(ctx));
    thread.splice(thread.indexOf(comment), 1);
    return { status: 204 };
  },

  "issues/list-labels-on-issue": (ctx) => {
    const repo = repoOf(ctx);
    return paginated(ctx, issueOrPull(repo, intParam(ctx, "issue_number")).labels);
  },

  "issues/list-events": (ctx) => {
    const repo = repoOf(ctx);
    const number = intParam(ctx, "issue_number");
    issueOrPull(repo, number);
    return paginated(ctx, repo.issueEvents.get(number) ?? []);
  },

  "issues/add-labels": (ctx) => {
    const repo = repoOf(ctx);
    addLabels(ctx, repo, issueOrPull(repo, intParam(ctx, "issue_number")), labelNames(ctx.body));
    return labelsOnIssue(ctx);
  },

  "issues/set-labels": (ctx) => {
    const repo = repoOf(ctx);
    const item = issueOrPull(repo, intParam(ctx, "issue_number"));
    for (const label of item.labels) ctx.state.recordLabelEvent(repo, item.number, "unlabeled", label, actorOf(ctx));
    item.labels = [];
    addLabels(ctx, repo, item, labelNames(ctx.body));
    return labelsOnIssue(ctx);
  },

  "issues/remove-label": (ctx) => {
    const repo = repoOf(ctx);
    const item = issueOrPull(repo, intParam(ctx, "issue_number"));
    const name = (ctx.params.name ?? "").toLowerCase();
    const index = item.labels.findIndex((label) => label.name.toLowerCase() === name);
    if (index === -1) throw new GitHubHttpError(404, "Label does not exist");
    const [removed] = item.labels.splice(index, 1);
    if (removed) ctx.state.recordLabelEvent(repo, item.number, "unlabeled", removed, actorOf(ctx));
    return json(item.labels);
  },

  "issues/create-label": (ctx) => {
    const repo = repoOf(ctx);
    const name = String(ctx.body.name);
    if (repo.labels.has(name.toLowerCase())) {
      throw new GitHubHttpError(422, "Validation Failed", { errors: [{ resource: "Label", code: "already_exists", field: "name" }] });
    }
    const { color, description } = ctx.body as { color?: string; description?: string };
    const label: LabelState = ctx.state.ensureLabel(repo, { name, ...(color !== undefined && { color }), ...(description !== undefined && { description }) });
    return json(label, 201);
  },

  "issues/get-label": (ctx) => {
    const label = repoOf(ctx).labels.get((ctx.params.name ?? "").toLowerCase());
    if (!label) throw notFound();
    return json(label);
  },

  "issues/list-labels-for-repo": (ctx) => paginated(ctx, [...repoOf(ctx).labels.values()]),

  "issues/get": (ctx) => {
    const repo = repoOf(ctx);
    return json(issueJson(ctx.state, repo, issueOrPull(repo, intParam(ctx, "issue_number"))));
  },

  "issues/create": (ctx) => {
    const { state, body } = ctx;
    const repo = repoOf(ctx);
    const issue = state.addIssue(repo.owner, repo.name, {
      title: String(body.title),
      body: (body.body as string | undefined) ?? null,
      user: actorOf(ctx),
      assignees: Array.isArray(body.assignees) ? body.assignees.map((login) => state.user(String(login))) : [],
      labels: labelNames(body),
    });
    return json(issueJson(state, repo, issue), 201);
  },

  "issues/update": (ctx) => {
    const repo = repoOf(ctx);
    const item = issueOrPull(repo, intParam(ctx, "issue_number"));
    applyIssueFields(ctx, repo, item);
    return json(issueJson(ctx.state, repo, item));
  },

  "issues/list-for-repo": (ctx) => {
    const repo = repoOf(ctx);
    const wantedLabels =
      ctx.query
        .get("labels")
        ?.split(",")
        .map((name) => name.trim().toLowerCase())
        .filter(Boolean) ?? [];
    const creator = ctx.query.get("creator");
    // Like GitHub, this lists pull requests too (they carry a `pull_request` key).
    const items = [...repo.issues.values(), ...repo.pulls.values()]
      .filter((item) => matchesState(ctx, item))
      .filter((item) => wantedLabels.every((name) => item.labels.some((label) => label.name.toLowerCase() === name)))
      .filter((item) => creator === null || item.user.login === creator)
      .sort(byCreatedAt(ctx));
    return paginated(
      ctx,
      items.map((item) => issueJson(ctx.state, repo, item)),
    );
  },
};
