// SPDX-License-Identifier: Apache-2.0
import { _validateDns1123Label, _validatePort } from '../core/_util';

/** Options of `HarborTrivyDatabase.harborProxyCache`. */
export interface HarborTrivyProxyCacheOptions {
  /**
   * The Harbor proxy-cache project that mirrors the databases' registry, created once in Harbor (public, registry
   * type `github-ghcr` for `ghcr.io`), e.g. "ghcr-proxy".
   */
  readonly project: string;

  /**
   * CIDRs of the upstream registry (and of its blob storage) that core pulls from on port 443; core gets egress to
   * them, trivy none.
   */
  readonly upstreamCidrs: string[];

  /**
   * Repository of the vulnerability database inside the project, with its schema tag.
   * @default "aquasecurity/trivy-db:2" (ghcr.io's path)
   */
  readonly databaseRepository?: string;

  /**
   * Repository of the Java index database inside the project, with its schema tag.
   * @default "aquasecurity/trivy-java-db:1" (ghcr.io's path)
   */
  readonly javaDatabaseRepository?: string;
}

/** Options of `HarborTrivyDatabase.ociMirror`. */
export interface HarborTrivyMirrorOptions {
  /** The vulnerability database in an OCI registry you run, with its schema tag, e.g. "mirror.example.com/aquasec/trivy-db:2". */
  readonly repository: string;
  /** The Java index database, with its schema tag, e.g. "mirror.example.com/aquasec/trivy-java-db:1". */
  readonly javaRepository: string;
  /** CIDRs of the mirror; trivy gets egress to them on `port`. */
  readonly cidrs: string[];
  /**
   * The mirror's TLS port.
   * @default 443
   */
  readonly port?: number;
}

/** An OCI reference with an explicit tag (the port of a registry host makes a bare `:` ambiguous). */
const TAGGED_REFERENCE = /^[a-z0-9.-]+(:[0-9]{1,5})?(\/[a-z0-9._-]+)+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const TAGGED_PATH = /^[a-z0-9._-]+(\/[a-z0-9._-]+)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** What a database source means for the stack: trivy's settings and the egress it needs. @internal */
export interface _TrivyDatabaseSettings {
  /** Skip updates and scan offline. */
  readonly offline: boolean;
  readonly repository?: string;
  readonly javaRepository?: string;
  /** Extra egress: the component that downloads, to these CIDRs on this port. */
  readonly egress?: { readonly component: 'core' | 'trivy'; readonly cidrs: string[]; readonly port: number };
}

/**
 * Where Trivy gets its vulnerability databases (the DB and the Java index). Enum-like class: use the static factories.
 * The scanner cannot scan without them: an empty cache with updates skipped fails every scan.
 */
export abstract class HarborTrivyDatabase {
  /**
   * Through Harbor's own proxy cache: trivy pulls the databases from core's in-cluster Service
   * (`<prefix>-core:<port>/<project>/...`, an allowed flow; core answers with its in-cluster token realm because the
   * request names CORE_URL's host), and core fetches them from the upstream registry. Trivy gets no egress at all;
   * core gets egress to `upstreamCidrs` on 443. Create the proxy-cache project once (public, endpoint
   * `https://ghcr.io`, type `github-ghcr`) before the first scan; until then scans fail with "not found".
   */
  public static harborProxyCache(options: HarborTrivyProxyCacheOptions): HarborTrivyDatabase {
    _validateDns1123Label(options.project, 'HarborTrivyDatabase.harborProxyCache project');
    const db = options.databaseRepository ?? 'aquasecurity/trivy-db:2';
    const java = options.javaDatabaseRepository ?? 'aquasecurity/trivy-java-db:1';
    for (const [what, ref] of [['databaseRepository', db], ['javaDatabaseRepository', java]]) {
      if (!TAGGED_PATH.test(ref)) {
        throw new Error(`Invalid HarborTrivyDatabase.harborProxyCache ${what} "${ref}": give the repository path inside the project with its schema tag, `
          + 'e.g. "aquasecurity/trivy-db:2" or "aquasecurity/trivy-java-db:1".');
      }
    }
    return new ProxyCacheDatabase(options.project, db, java, options.upstreamCidrs);
  }

  /**
   * From an OCI registry you run (for example one that `oras copy` fills from ghcr.io): trivy gets egress to its
   * CIDRs on its port, nothing else.
   */
  public static ociMirror(options: HarborTrivyMirrorOptions): HarborTrivyDatabase {
    for (const [what, ref] of [['repository', options.repository], ['javaRepository', options.javaRepository]]) {
      if (!ref || !TAGGED_REFERENCE.test(ref)) {
        throw new Error(`Invalid HarborTrivyDatabase.ociMirror ${what} "${ref ?? ''}": give a registry host, path and schema tag, `
          + 'e.g. "mirror.example.com/aquasec/trivy-db:2" (and ".../trivy-java-db:1").');
      }
    }
    const port = _validatePort(options.port ?? 443, 'HarborTrivyDatabase.ociMirror port');
    return new MirrorDatabase(options.repository, options.javaRepository, options.cidrs, port);
  }

  /**
   * No downloads: trivy scans with the database already in its cache volume (`skipUpdate`, `offlineScan`). Load it
   * yourself (docs/secure-registry.md, "Scanning database"); until it is there the trivy pod does not start (its
   * startup probe checks for the database), so the failure shows instead of every scan failing behind a ready pod.
   */
  public static offline(): HarborTrivyDatabase {
    return new OfflineDatabase();
  }

  /** The settings for a stack whose core is reached at `coreAddress` (`host:port`). @internal */
  public abstract _resolve(coreAddress: string): _TrivyDatabaseSettings;
}

class ProxyCacheDatabase extends HarborTrivyDatabase {
  constructor(private readonly project: string, private readonly db: string, private readonly java: string, private readonly cidrs: string[]) {
    super();
  }

  public _resolve(coreAddress: string): _TrivyDatabaseSettings {
    return {
      offline: false,
      repository: `${coreAddress}/${this.project}/${this.db}`,
      javaRepository: `${coreAddress}/${this.project}/${this.java}`,
      egress: { component: 'core', cidrs: this.cidrs, port: 443 },
    };
  }
}

class MirrorDatabase extends HarborTrivyDatabase {
  constructor(private readonly repository: string, private readonly java: string, private readonly cidrs: string[], private readonly port: number) {
    super();
  }

  public _resolve(): _TrivyDatabaseSettings {
    return { offline: false, repository: this.repository, javaRepository: this.java, egress: { component: 'trivy', cidrs: this.cidrs, port: this.port } };
  }
}

class OfflineDatabase extends HarborTrivyDatabase {
  public _resolve(): _TrivyDatabaseSettings {
    return { offline: true };
  }
}
