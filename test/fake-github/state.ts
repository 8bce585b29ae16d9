// In-memory GitHub state behind the fake: repositories with their files, pull requests, issues,
// check runs, comments and labels, stored in the shape GitHub's REST API returns them so that
// serving one is mostly copying it. Ids come from one counter and timestamps from a fixed clock
// that only moves when a test advances it, so assertions can name exact values.
import { createHash } from "node:crypto";

export interface GitHubUser {
  login: string;
  id: number;
  node_id: string;
  type: "User" | "Bot" | "Organization";
  avatar_url: string;
  html_url: string;
  url: string;
  site_admin: boolean;
  [extra: string]: unknown;
}

export interface LabelState {
  id: number;
  node_id: string;
  url: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export type PullFileStatus = "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";

export interface PullFile {
  sha: string;
  filename: string;
  status: PullFileStatus;
  additions: number;
  deletions: number;
  changes: number;
  blob_url: string;
  raw_url: string;
  contents_url: string;
  patch?: string;
  previous_filename?: string;
}

export interface GitRefState {
  ref: string;
  sha: string;
  label: string;
  user: GitHubUser;
  /** Repository JSON; null when a fork was deleted. */
  repo: Record<string, unknown> | null;
}

/** The pull request fields the fake reads; PullState adds whatever else GitHub sends. */
export interface PullFields {
  number: number;
  id: number;
  node_id: string;
  title: string;
  body: string | null;
  state: "open" | "closed";
  draft: boolean;
  locked: boolean;
  user: GitHubUser;
  head: GitRefState;
  base: GitRefState;
  labels: LabelState[];
  merged_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  additions: number;
  deletions: number;
  changed_files: number;
  commits: number;
  html_url: string;
  url: string;
  files: PullFile[];
}

/** A pull request as pulls/get returns it, plus `files` (its changed files, never served here). */
export interface PullState extends PullFields {
  /** Anything else (e.g. copied from a webhook payload) is served as-is. */
  [extra: string]: unknown;
}

export interface IssueFields {
  number: number;
  id: number;
  node_id: string;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: string | null;
  locked: boolean;
  user: GitHubUser;
  labels: LabelState[];
  assignees: GitHubUser[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  html_url: string;
  url: string;
}

export interface IssueState extends IssueFields {
  [extra: string]: unknown;
}

export interface AppState {
  id: number;
  slug: string;
  node_id: string;
  name: string;
  [extra: string]: unknown;
}

export interface CheckRunState {
  id: number;
  node_id: string;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations_count: number };
  app: AppState;
  external_id: string | null;
  details_url: string | null;
  html_url: string;
  url: string;
  started_at: string | null;
  completed_at: string | null;
  check_suite: { id: number };
  pull_requests: unknown[];
}

export interface CommentState {
  id: number;
  node_id: string;
  body: string;
  user: GitHubUser;
  created_at: string;
  updated_at: string;
  html_url: string;
  url: string;
  issue_url: string;
  author_association: string;
  performed_via_github_app: AppState | null;
}

export interface RepoState {
  owner: string;
  name: string;
  id: number;
  defaultBranch: string;
  installationId: number;
  private: boolean;
  createdAt: string;
  /** Default-branch file contents by path, e.g. `.github/value-pr.yml`. */
  files: Map<string, string>;
  /** File contents at other refs (branch names or commit SHAs), for `?ref=` reads. */
  filesAtRef: Map<string, Map<string, string>>;
  pulls: Map<number, PullState>;
  issues: Map<number, IssueState>;
  checkRuns: Map<number, CheckRunState>;
  /** Issue comments by issue or pull request number, oldest first. */
  comments: Map<number, CommentState[]>;
  /** Repository labels keyed by lower-cased name: GitHub matches label names case-insensitively. */
  labels: Map<string, LabelState>;
  /** Issue events (only `labeled` / `unlabeled` are modelled) by issue or pull request number, oldest first. */
  issueEvents: Map<number, IssueEventState[]>;
  /** Collaborators' roles by lower-cased login; anyone else is not a collaborator (404). */
  collaborators: Map<string, CollaboratorRole>;
  /** Reactions on issue comments, in the order they were made. */
  reactions: Array<{ commentId: number; content: string; login: string }>;
}

export type CollaboratorRole = "admin" | "maintain" | "write" | "triage" | "read";

/** A `labeled` or `unlabeled` issue event as issues/list-events returns it. */
export interface IssueEventState {
  id: number;
  node_id: string;
  url: string;
  actor: GitHubUser;
  event: "labeled" | "unlabeled";
  commit_id: null;
  commit_url: null;
  created_at: string;
  label: { name: string; color: string };
  performed_via_github_app: AppState | null;
}

export interface AddRepoInput {
  owner: string;
  repo: string;
  defaultBranch?: string;
  installationId?: number;
  private?: boolean;
  id?: number;
}

export type LabelInput = string | (Partial<LabelState> & { name: string });

export interface AddPullInput extends Partial<Omit<PullFields, "user" | "head" | "base" | "labels" | "files">> {
  user?: string | (Partial<GitHubUser> & { login: string });
  head?: Partial<GitRefState>;
  base?: Partial<GitRefState>;
  labels?: LabelInput[];
  files?: Array<Partial<PullFile> & { filename: string }>;
  [extra: string]: unknown;
}

export interface AddIssueInput extends Partial<Omit<IssueFields, "labels">> {
  labels?: LabelInput[];
}

export interface AddCheckRunInput extends Partial<Omit<CheckRunState, "output" | "app">> {
  head_sha: string;
  name: string;
  output?: Partial<CheckRunState["output"]>;
  app?: Partial<AppState> & { id: number; slug: string };
}

export interface StateOptions {
  baseUrl: string;
  appId: number;
  appSlug: string;
  /** Start of the fake clock. */
  now: Date;
}

const DEFAULT_USER = "octocat";

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** A deterministic 40-hex-digit SHA for the given seed. */
export const fakeSha = (seed: string) => createHash("sha1").update(seed).digest("hex");

export class GitHubState {
  readonly options: StateOptions;
  readonly repos = new Map<string, RepoState>();
  /** Installation tokens handed out by apps/create-installation-access-token. */
  readonly tokens: Array<{ installationId: number; token: string }> = [];
  /** Tokens that may only read, like a workflow's GITHUB_TOKEN for a fork's pull request: writes get 403. */
  readonly readOnlyTokens = new Set<string>();
  /** Personal access tokens and their users (GET /user); `ghs_…` tokens are installation tokens. */
  readonly personalTokens = new Map<string, string>();
  /** Installation tokens of other GitHub Apps, by their app's slug: they act as `<slug>[bot]`. */
  readonly otherAppTokens = new Map<string, string>();
  readonly #users = new Map<string, GitHubUser>();
  #lastId = 1000;
  #clock: number;
  /** The clock's start: creation time of things that exist before the test acts. */
  readonly startedAt: string;
  /** PullRequest nodes GraphQL answers have carried, so a test can see how much a paging read. */
  graphqlNodesServed = 0;

  constructor(options: StateOptions) {
    this.options = options;
    this.#clock = options.now.getTime();
    this.startedAt = isoSeconds(this.#clock);
  }

  /** Next id from the single id counter. */
  nextId(): number {
    return ++this.#lastId;
  }

  /** Current fake time as GitHub formats timestamps (`2024-01-01T00:00:00Z`). */
  now(): string {
    return isoSeconds(this.#clock);
  }

  advanceClock(ms: number): void {
    this.#clock += ms;
  }

  /** The API root URL, e.g. `https://api.github.com` or `https://ghe.example/api/v3`. */
  get apiUrl(): string {
    return this.options.baseUrl;
  }

  /** The web UI root for html_url fields. */
  get webUrl(): string {
    const base = new URL(this.options.baseUrl);
    return base.hostname === "api.github.com" ? "https://github.com" : base.origin;
  }

  /** The same user object every time a login is seen, with an id from the counter. */
  /** Makes `login` an organisation account (installations on it, `GET /orgs/{org}/repos`). */
  addOrganization(login: string): GitHubUser {
    const account = this.user(login, "Organization");
    account.type = "Organization";
    return account;
  }

  user(login: string, type: GitHubUser["type"] = "User"): GitHubUser {
    let user = this.#users.get(login);
    if (!user) {
      const id = this.nextId();
      user = {
        login,
        id,
        node_id: `U_${id}`,
        type,
        avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
        html_url: `${this.webUrl}/${login}`,
        url: `${this.apiUrl}/users/${encodeURIComponent(login)}`,
        site_admin: false,
      };
      this.#users.set(login, user);
    }
    return user;
  }

  /**
   * Who a request's token acts as: the user of a personal token, another app's bot for its
   * installation token, `github-actions[bot]` for a `ghs_` token the fake did not issue (a
   * workflow's GITHUB_TOKEN), and this app's bot for the installation tokens it issued.
   */
  actorForToken(token: string): GitHubUser {
    const personal = this.personalTokens.get(token);
    if (personal !== undefined) return this.user(personal);
    const otherApp = this.otherAppTokens.get(token);
    if (otherApp !== undefined) return this.user(`${otherApp}[bot]`, "Bot");
    if (token.startsWith("ghs_") && !this.tokens.some((issued) => issued.token === token)) return this.user("github-actions[bot]", "Bot");
    return this.botUser();
  }

  /** The bot user the app acts as (`<slug>[bot]`). */
  botUser(): GitHubUser {
    return this.user(`${this.options.appSlug}[bot]`, "Bot");
  }

  app(): AppState {
    const { appId, appSlug } = this.options;
    return {
      id: appId,
      slug: appSlug,
      node_id: `A_${appId}`,
      name: appSlug,
      owner: this.user(DEFAULT_USER),
      html_url: `${this.webUrl}/apps/${appSlug}`,
      created_at: this.startedAt,
      updated_at: this.startedAt,
    };
  }

  addRepo(input: AddRepoInput): RepoState {
    const key = repoKey(input.owner, input.repo);
    if (this.repos.has(key)) throw new Error(`fake GitHub: repository ${input.owner}/${input.repo} already exists`);
    const repo: RepoState = {
      owner: input.owner,
      name: input.repo,
      id: input.id ?? this.nextId(),
      defaultBranch: input.defaultBranch ?? "main",
      installationId: input.installationId ?? 1,
      private: input.private ?? false,
      createdAt: this.now(),
      files: new Map(),
      filesAtRef: new Map(),
      pulls: new Map(),
      issues: new Map(),
      checkRuns: new Map(),
      comments: new Map(),
      labels: new Map(),
      issueEvents: new Map(),
      collaborators: new Map(),
      reactions: [],
    };
    this.repos.set(key, repo);
    return repo;
  }

  findRepo(owner: string, repo: string): RepoState | undefined {
    return this.repos.get(repoKey(owner, repo));
  }

  /** The repository, which the test must have added. */
  repo(owner: string, repo: string): RepoState {
    const found = this.findRepo(owner, repo);
    if (!found) throw new Error(`fake GitHub: no repository ${owner}/${repo}; call addRepo first`);
    return found;
  }

  repoUrl(repo: RepoState): string {
    return `${this.apiUrl}/repos/${repo.owner}/${repo.name}`;
  }

  repoJson(repo: RepoState): Record<string, unknown> {
    const url = this.repoUrl(repo);
    return {
      id: repo.id,
      node_id: `R_${repo.id}`,
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      private: repo.private,
      visibility: repo.private ? "private" : "public",
      owner: this.user(repo.owner),
      html_url: `${this.webUrl}/${repo.owner}/${repo.name}`,
      description: null,
      fork: false,
      url,
      default_branch: repo.defaultBranch,
      archived: false,
      disabled: false,
      created_at: repo.createdAt,
      updated_at: repo.createdAt,
      // A merge pushes to the base branch.
      pushed_at: [...repo.pulls.values()].reduce(
        (latest, pull) => (pull.merged_at !== null && pull.merged_at > latest ? pull.merged_at : latest),
        repo.createdAt,
      ),
    };
  }

  /** The repository label with that name, created (as GitHub does when labelling) if missing. */
  /** Records a label event; `actor` null means the app itself (its bot user, via the app). */
  recordLabelEvent(repo: RepoState, number: number, event: "labeled" | "unlabeled", label: LabelState, actor: GitHubUser | null): void {
    const id = this.nextId();
    const events = repo.issueEvents.get(number) ?? [];
    events.push({
      id,
      node_id: `LE_${id}`,
      url: `${this.repoUrl(repo)}/issues/events/${id}`,
      actor: actor ?? this.botUser(),
      event,
      commit_id: null,
      commit_url: null,
      created_at: this.now(),
      label: { name: label.name, color: label.color },
      performed_via_github_app: actor === null ? this.app() : null,
    });
    repo.issueEvents.set(number, events);
  }

  /** A person (or another bot) adds or removes a label in GitHub's UI: the label changes and an event is recorded. */
  labelBy(login: string, owner: string, repoName: string, number: number, event: "labeled" | "unlabeled", name: string, type: "User" | "Bot" = "User"): void {
    const repo = this.repo(owner, repoName);
    const item = repo.pulls.get(number) ?? repo.issues.get(number);
    if (!item) throw new Error(`no issue or pull request #${number} in ${owner}/${repoName}`);
    const label = this.ensureLabel(repo, name);
    const present = item.labels.findIndex((l) => l.name.toLowerCase() === name.toLowerCase());
    if (event === "labeled" && present === -1) item.labels.push(label);
    if (event === "unlabeled" && present !== -1) item.labels.splice(present, 1);
    this.recordLabelEvent(repo, number, event, label, this.user(login, type));
  }

  ensureLabel(repo: RepoState, input: LabelInput): LabelState {
    const fields = typeof input === "string" ? { name: input } : input;
    const existing = repo.labels.get(fields.name.toLowerCase());
    if (existing) return existing;
    const id = fields.id ?? this.nextId();
    const label: LabelState = {
      id,
      node_id: fields.node_id ?? `LA_${id}`,
      url: fields.url ?? `${this.repoUrl(repo)}/labels/${encodeURIComponent(fields.name)}`,
      name: fields.name,
      color: (fields.color ?? "ededed").replace(/^#/, ""),
      description: fields.description ?? null,
      default: fields.default ?? false,
    };
    repo.labels.set(label.name.toLowerCase(), label);
    return label;
  }

  /** Pull requests and issues share one number sequence per repository. */
  nextIssueNumber(repo: RepoState): number {
    // A loop, not Math.max(...keys): spreading tens of thousands of keys overflows the call stack.
    let highest = 0;
    for (const number of repo.pulls.keys()) highest = Math.max(highest, number);
    for (const number of repo.issues.keys()) highest = Math.max(highest, number);
    return highest + 1;
  }

  addPull(owner: string, repoName: string, input: AddPullInput = {}): PullState {
    const repo = this.repo(owner, repoName);
    const { user, head, base, labels, files: fileInputs, ...rest } = input;
    const number = input.number ?? this.nextIssueNumber(repo);
    const id = input.id ?? this.nextId();
    const author = typeof user === "string" || user === undefined ? this.user(user ?? DEFAULT_USER) : { ...this.user(user.login), ...user };
    const owningUser = this.user(repo.owner);
    const headRef = head?.ref ?? `feature-${number}`;
    const baseRef = base?.ref ?? repo.defaultBranch;
    const files = (fileInputs ?? []).map((file) => this.pullFile(repo, file));
    const sum = (pick: (f: PullFile) => number) => files.reduce((total, f) => total + pick(f), 0);
    const apiUrl = `${this.repoUrl(repo)}/pulls/${number}`;
    const htmlUrl = `${this.webUrl}/${repo.owner}/${repo.name}/pull/${number}`;
    const pull: PullState = {
      url: apiUrl,
      id,
      node_id: `PR_${id}`,
      html_url: htmlUrl,
      diff_url: `${htmlUrl}.diff`,
      patch_url: `${htmlUrl}.patch`,
      issue_url: `${this.repoUrl(repo)}/issues/${number}`,
      number,
      state: "open",
      locked: false,
      title: `Pull request ${number}`,
      user: author,
      body: null,
      created_at: this.now(),
      updated_at: this.now(),
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      milestone: null,
      draft: false,
      author_association: "CONTRIBUTOR",
      auto_merge: null,
      mergeable: null,
      rebaseable: null,
      mergeable_state: "unknown",
      merged_by: null,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: sum((f) => f.additions),
      deletions: sum((f) => f.deletions),
      changed_files: files.length,
      ...rest,
      head: {
        label: `${repo.owner}:${headRef}`,
        user: owningUser,
        repo: this.repoJson(repo),
        ...head,
        ref: headRef,
        sha: head?.sha ?? fakeSha(`head ${repo.owner}/${repo.name}#${number}`),
      },
      base: {
        label: `${repo.owner}:${baseRef}`,
        user: owningUser,
        repo: this.repoJson(repo),
        ...base,
        ref: baseRef,
        sha: base?.sha ?? fakeSha(`base ${repo.owner}/${repo.name}#${number}`),
      },
      labels: (labels ?? []).map((label) => this.ensureLabel(repo, label)),
      files,
    };
    repo.pulls.set(number, pull);
    return pull;
  }

  pullFile(repo: RepoState, input: Partial<PullFile> & { filename: string }): PullFile {
    const additions = input.additions ?? 1;
    const deletions = input.deletions ?? 0;
    const sha = input.sha ?? fakeSha(`blob ${input.filename}`);
    const blobPath = `${this.webUrl}/${repo.owner}/${repo.name}`;
    return {
      sha,
      status: "modified",
      blob_url: `${blobPath}/blob/${sha}/${input.filename}`,
      raw_url: `${blobPath}/raw/${sha}/${input.filename}`,
      contents_url: `${this.repoUrl(repo)}/contents/${input.filename}?ref=${sha}`,
      ...input,
      additions,
      deletions,
      changes: input.changes ?? additions + deletions,
    };
  }

  addIssue(owner: string, repoName: string, input: AddIssueInput = {}): IssueState {
    const repo = this.repo(owner, repoName);
    const { labels, ...rest } = input;
    const number = input.number ?? this.nextIssueNumber(repo);
    const id = input.id ?? this.nextId();
    const issue: IssueState = {
      id,
      node_id: `I_${id}`,
      url: `${this.repoUrl(repo)}/issues/${number}`,
      html_url: `${this.webUrl}/${repo.owner}/${repo.name}/issues/${number}`,
      number,
      title: `Issue ${number}`,
      body: null,
      state: "open",
      state_reason: null,
      locked: false,
      user: this.user(DEFAULT_USER),
      assignees: [],
      created_at: this.now(),
      updated_at: this.now(),
      closed_at: null,
      ...rest,
      labels: (labels ?? []).map((label) => this.ensureLabel(repo, label)),
    };
    repo.issues.set(number, issue);
    return issue;
  }

  addCheckRun(owner: string, repoName: string, input: AddCheckRunInput): CheckRunState {
    const repo = this.repo(owner, repoName);
    const id = input.id ?? this.nextId();
    const { output, app, ...rest } = input;
    const run: CheckRunState = {
      id,
      node_id: `CR_${id}`,
      status: "queued",
      conclusion: null,
      external_id: null,
      details_url: null,
      html_url: `${this.webUrl}/${repo.owner}/${repo.name}/runs/${id}`,
      url: `${this.repoUrl(repo)}/check-runs/${id}`,
      started_at: this.now(),
      completed_at: null,
      check_suite: { id: this.nextId() },
      pull_requests: [],
      ...rest,
      output: { title: null, summary: null, text: null, annotations_count: 0, ...output },
      app: app ? { node_id: `A_${app.id}`, name: app.slug, ...app } : this.app(),
    };
    repo.checkRuns.set(id, run);
    return run;
  }

  addComment(owner: string, repoName: string, issueNumber: number, input: Partial<CommentState> & { body: string }): CommentState {
    const repo = this.repo(owner, repoName);
    const id = input.id ?? this.nextId();
    const kind = repo.pulls.has(issueNumber) ? "pull" : "issues";
    const comment: CommentState = {
      id,
      node_id: `IC_${id}`,
      url: `${this.repoUrl(repo)}/issues/comments/${id}`,
      html_url: `${this.webUrl}/${repo.owner}/${repo.name}/${kind}/${issueNumber}#issuecomment-${id}`,
      issue_url: `${this.repoUrl(repo)}/issues/${issueNumber}`,
      user: this.user(DEFAULT_USER),
      created_at: this.now(),
      updated_at: this.now(),
      author_association: "NONE",
      performed_via_github_app: null,
      ...input,
    };
    const thread = repo.comments.get(issueNumber) ?? [];
    thread.push(comment);
    repo.comments.set(issueNumber, thread);
    return comment;
  }

  /** Finds a comment by id across the repository's issues: comment ids are repository-wide. */
  findComment(repo: RepoState, id: number): { issueNumber: number; comment: CommentState; thread: CommentState[] } | undefined {
    for (const [issueNumber, thread] of repo.comments) {
      const comment = thread.find((c) => c.id === id);
      if (comment) return { issueNumber, comment, thread };
    }
    return undefined;
  }
}

const repoKey = (owner: string, repo: string) => `${owner}/${repo}`.toLowerCase();
