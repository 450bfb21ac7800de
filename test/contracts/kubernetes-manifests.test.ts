import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ENV_VARIABLES, SECRET_VARIABLES, loadConfig } from '../../src/runtime/config.js';

/**
 * deploy/kubernetes as `kubectl kustomize` renders it (no cluster needed), held to the contract of
 * issue 15 and docs/kubernetes.md. kubectl is on the build machines and `.ci/run` installs it
 * when missing, so in CI its absence is an error; locally the suite is skipped, saying why.
 */
const DEPLOY = resolve(dirname(fileURLToPath(import.meta.url)), '../../deploy/kubernetes');
const OVERLAYS = ['socket-mode', 'http-mode', 'existing-redis'] as const;
type Overlay = (typeof OVERLAYS)[number];

/** docs/production.md, end-to-end bench: the bot's peak resident memory at 200 events/s. */
const BENCH_PEAK_RSS_MIB = 296;
/** The same page: about 100 MB resident at idle. */
const BENCH_IDLE_RSS_MIB = 100;

const KUBECTL = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
if (!KUBECTL && process.env.CI === 'true')
  throw new Error('kubectl is not installed: .ci/run must install it (see .ci/run)');
if (!KUBECTL)
  console.warn('skipping the deploy/kubernetes contract: kubectl is not installed on this machine');

// A loose view of Kubernetes objects: only the fields the contract reads.
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: unknown;
  };
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  env?: EnvVar[];
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  ports?: Array<{ name?: string; containerPort: number }>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: {
    requests?: Record<string, string>;
    limits?: Record<string, string>;
  };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    runAsNonRoot?: boolean;
    capabilities?: { drop?: string[] };
  };
}
interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  automountServiceAccountToken?: boolean;
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    seccompProfile?: { type: string };
  };
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    type?: string;
    selector?: Record<string, string> | { matchLabels: Record<string, string> };
    ports?: Array<{ name?: string; port: number; targetPort?: string | number }>;
    ingressClassName?: string;
    rules?: Array<{
      http: {
        paths: Array<{
          path: string;
          backend: { service: { name: string; port: { name?: string; number?: number } } };
        }>;
      };
    }>;
    template?: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
}

function render(overlay: Overlay): K8sObject[] {
  const result = spawnSync('kubectl', ['kustomize', resolve(DEPLOY, 'overlays', overlay)], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.status !== 0)
    throw new Error(`kubectl kustomize overlays/${overlay} failed:\n${result.stderr}`);
  return parseAllDocuments(result.stdout).map((document) => document.toJS() as K8sObject);
}

const rendered = new Map<Overlay, K8sObject[]>();
function objects(overlay: Overlay): K8sObject[] {
  if (!rendered.has(overlay)) rendered.set(overlay, render(overlay));
  return rendered.get(overlay) ?? [];
}
function find(overlay: Overlay, kind: string, name: string): K8sObject {
  const object = objects(overlay).find((o) => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`overlays/${overlay} renders no ${kind} ${name}`);
  return object;
}
function bot(overlay: Overlay): { deployment: K8sObject; pod: PodSpec; container: Container } {
  const deployment = find(overlay, 'Deployment', 'aperture-doctor');
  const pod = deployment.spec?.template?.spec;
  const container = pod?.containers.find((c) => c.name === 'aperture-doctor');
  if (!pod || !container) throw new Error('the Deployment has no aperture-doctor container');
  return { deployment, pod, container };
}
function env(container: Container, name: string): EnvVar | undefined {
  return container.env?.find((variable) => variable.name === name);
}
function workloads(overlay: Overlay): Array<{ name: string; pod: PodSpec }> {
  return objects(overlay)
    .filter((o) => o.spec?.template?.spec)
    .map((o) => ({ name: `${o.kind} ${o.metadata.name}`, pod: o.spec!.template!.spec }));
}
/** `192Mi`, `384Mi`, `1Gi` → MiB. */
function mebibytes(quantity: string | undefined): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity ?? '');
  if (!match) throw new Error(`not a Mi/Gi quantity: ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}
/** What the bot reads for a variable the manifests set as a plain value, or its default. */
function settingOf(overlay: Overlay, container: Container, name: keyof typeof ENV_VARIABLES) {
  const plain = env(container, name)?.value;
  const configMaps = (container.envFrom ?? []).flatMap((source) =>
    source.configMapRef ? [source.configMapRef.name] : [],
  );
  const fromConfigMap = objects(overlay)
    .filter((o) => o.kind === 'ConfigMap' && configMaps.includes(o.metadata.name))
    .map((o) => o.data?.[name])
    .find((value) => value !== undefined);
  return ENV_VARIABLES[name].schema.parse(plain ?? fromConfigMap) as unknown;
}

describe.runIf(KUBECTL)('deploy/kubernetes, rendered by kubectl kustomize', () => {
  describe.each(OVERLAYS)('overlays/%s', (overlay) => {
    it('runs the bot as a Deployment of 2 replicas, in the aperture-doctor namespace', () => {
      const { deployment } = bot(overlay);
      expect(deployment.spec?.replicas).toBe(2);
      for (const object of objects(overlay))
        expect([object.kind, object.metadata.namespace]).toEqual([object.kind, 'aperture-doctor']);
    });

    it('probes readiness on /healthz, and liveness and startup on /livez (not /healthz)', () => {
      const { container } = bot(overlay);
      const port = container.ports?.find((p) => p.containerPort === 3000)?.name;
      expect(port).toBeDefined();
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/healthz', port });
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/livez', port });
      expect(container.startupProbe?.httpGet).toEqual({ path: '/livez', port });
      expect(settingOf(overlay, container, 'PORT')).toBe(3000);
    });

    it('takes every secret variable from the Secret by key, and none from a ConfigMap or envFrom', () => {
      const { container } = bot(overlay);
      for (const name of SECRET_VARIABLES) {
        const variable = env(container, name);
        if (variable?.valueFrom) {
          expect(Object.keys(variable.valueFrom), name).toEqual(['secretKeyRef']);
          expect(variable.valueFrom.secretKeyRef).toMatchObject({
            name: 'aperture-doctor',
            key: name,
          });
        } else if (variable?.value !== undefined) {
          // Only the bundled Redis's URL, which carries no credential, may be a plain value.
          expect(name).toBe('REDIS_URL');
          expect(variable.value).not.toContain('@');
        }
      }
      expect(container.envFrom?.every((source) => source.secretRef === undefined)).toBe(true);
      for (const configMap of objects(overlay).filter((o) => o.kind === 'ConfigMap'))
        for (const key of Object.keys(configMap.data ?? {}))
          expect(SECRET_VARIABLES as readonly string[]).not.toContain(key);
      expect(objects(overlay).filter((o) => o.kind === 'Secret')).toEqual([]);
    });

    it('points APERTURE_URL at the egress Service that the Tailscale operator proxies to Aperture', () => {
      const { container } = bot(overlay);
      const url = new URL(String(settingOf(overlay, container, 'APERTURE_URL')));
      const egress = find(overlay, 'Service', url.hostname);
      expect(egress.spec?.type).toBe('ExternalName');
      expect(egress.metadata.annotations?.['tailscale.com/tailnet-fqdn']).toMatch(/\.ts\.net$/);
      expect(url.protocol).toBe('http:');
      expect(egress.spec?.ports?.map((p) => p.port)).toContain(Number(url.port || 80));
    });

    it('runs every container non-root, with a read-only root filesystem and no privileges', () => {
      for (const { name, pod } of workloads(overlay)) {
        expect(pod.securityContext?.runAsNonRoot, name).toBe(true);
        expect(pod.securityContext?.runAsUser, name).toBeGreaterThan(0);
        expect(pod.securityContext?.seccompProfile, name).toEqual({ type: 'RuntimeDefault' });
        expect(pod.automountServiceAccountToken, name).toBe(false);
        for (const container of pod.containers)
          expect(container.securityContext, `${name} ${container.name}`).toEqual({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ['ALL'] },
          });
      }
    });

    it("requests memory above the bot's idle RSS, with a limit above the bench's peak", () => {
      const { container } = bot(overlay);
      expect(container.resources?.requests?.cpu).toBeDefined();
      expect(mebibytes(container.resources?.requests?.memory)).toBeGreaterThan(BENCH_IDLE_RSS_MIB);
      expect(mebibytes(container.resources?.limits?.memory)).toBeGreaterThan(BENCH_PEAK_RSS_MIB);
      for (const { name, pod } of workloads(overlay))
        for (const c of pod.containers) expect(c.resources?.requests?.memory, name).toBeDefined();
    });

    it('sets only variables the bot knows, with values its configuration accepts', () => {
      const { container } = bot(overlay);
      const configMaps = (container.envFrom ?? []).map((source) => source.configMapRef?.name);
      const environment: Record<string, string> = {};
      for (const configMap of objects(overlay))
        if (configMap.kind === 'ConfigMap' && configMaps.includes(configMap.metadata.name))
          Object.assign(environment, configMap.data);
      for (const variable of container.env ?? [])
        if (variable.value !== undefined) environment[variable.name] = variable.value;
      const names = [...Object.keys(environment), ...(container.env ?? []).map((v) => v.name)];
      expect(names.filter((name) => !Object.hasOwn(ENV_VARIABLES, name))).toEqual([]);
      // With the Secret's keys left out, as a Secret without them leaves them unset.
      expect(loadConfig(environment)).toMatchObject({ ok: true });
    });

    it('gives the pod a termination grace period above SHUTDOWN_DEADLINE_SECONDS', () => {
      const { pod, container } = bot(overlay);
      const deadline = Number(settingOf(overlay, container, 'SHUTDOWN_DEADLINE_SECONDS'));
      expect(deadline).toBeGreaterThan(0);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(deadline);
    });
  });

  it('socket-mode exposes nothing: no Ingress, and no Service in front of the bot', () => {
    expect(objects('socket-mode').filter((o) => o.kind === 'Ingress')).toEqual([]);
    expect(
      objects('socket-mode').filter(
        (o) => o.kind === 'Service' && o.metadata.name === 'aperture-doctor',
      ),
    ).toEqual([]);
    expect(
      env(bot('socket-mode').container, 'SLACK_APP_TOKEN')?.valueFrom?.secretKeyRef,
    ).toBeDefined();
  });

  it("http-mode routes /slack/events through the tailscale Ingress to a Service on the bot's port", () => {
    const { deployment, container } = bot('http-mode');
    const service = find('http-mode', 'Service', 'aperture-doctor');
    expect(service.spec?.selector).toEqual(deployment.spec?.template?.metadata.labels);
    const servicePort = service.spec?.ports?.[0];
    expect(container.ports?.map((p) => p.name)).toContain(servicePort?.targetPort);
    const ingress = objects('http-mode').find((o) => o.kind === 'Ingress');
    expect(ingress?.spec?.ingressClassName).toBe('tailscale');
    // Slack's servers are not on the tailnet: Funnel makes the Ingress public.
    expect(ingress?.metadata.annotations?.['tailscale.com/funnel']).toBe('true');
    const paths = ingress?.spec?.rules?.flatMap((rule) => rule.http.paths) ?? [];
    expect(paths.map((p) => [p.path, p.backend.service.name, p.backend.service.port.name])).toEqual(
      [['/slack/events', 'aperture-doctor', servicePort?.name]],
    );
    // HTTP mode needs the signing secret, and must not read SLACK_APP_TOKEN (Socket Mode).
    expect(env(container, 'SLACK_SIGNING_SECRET')?.valueFrom?.secretKeyRef?.optional).toBe(false);
    expect(env(container, 'SLACK_APP_TOKEN')).toBeUndefined();
  });

  it.each(['socket-mode', 'http-mode'] as const)(
    '%s bundles the Redis StatefulSet and points REDIS_URL at its Service',
    (overlay) => {
      const url = new URL(String(env(bot(overlay).container, 'REDIS_URL')?.value));
      expect(find(overlay, 'StatefulSet', url.hostname).spec?.replicas).toBe(1);
      expect(find(overlay, 'Service', url.hostname).spec?.ports?.[0]?.port).toBe(Number(url.port));
    },
  );

  it('existing-redis drops the bundled Redis and takes REDIS_URL from the Secret', () => {
    expect(objects('existing-redis').filter((o) => o.metadata.name.includes('redis'))).toEqual([]);
    expect(env(bot('existing-redis').container, 'REDIS_URL')).toEqual({
      name: 'REDIS_URL',
      valueFrom: { secretKeyRef: { name: 'aperture-doctor', key: 'REDIS_URL', optional: false } },
    });
  });
});
