// Parses `bazel aquery --output=jsonproto --include_param_files` into plain actions: which target
// ran which tool with which arguments on which files. Paths come as Bazel gives them, relative
// to the execution root: a source of the main repository is `lib/x.c`, a generated file is under
// `bazel-out/`, another repository's file under `external/`.
import { z } from 'zod';

const schema = z.object({
  artifacts: z.array(z.object({ id: z.number(), pathFragmentId: z.number() })).default([]),
  pathFragments: z.array(z.object({ id: z.number(), label: z.string(), parentId: z.number().optional() })).default([]),
  depSetOfFiles: z
    .array(z.object({ id: z.number(), directArtifactIds: z.array(z.number()).optional(), transitiveDepSetIds: z.array(z.number()).optional() }))
    .default([]),
  targets: z.array(z.object({ id: z.number(), label: z.string(), ruleClassId: z.number().optional() })).default([]),
  ruleClasses: z.array(z.object({ id: z.number(), name: z.string() })).default([]),
  configuration: z.array(z.object({ id: z.number(), mnemonic: z.string().optional(), isTool: z.boolean().optional() })).default([]),
  actions: z
    .array(
      z.object({
        targetId: z.number().optional(),
        mnemonic: z.string().optional(),
        configurationId: z.number().optional(),
        arguments: z.array(z.string()).optional(),
        environmentVariables: z.array(z.object({ key: z.string(), value: z.string().optional() })).optional(),
        inputDepSetIds: z.array(z.number()).optional(),
        outputIds: z.array(z.number()).optional(),
        primaryOutputId: z.number().optional(),
        paramFiles: z.array(z.object({ execPath: z.string().optional(), arguments: z.array(z.string()).optional() })).optional(),
      }),
    )
    .default([]),
});

export interface Action {
  label: string;
  /** The rule class of the target that owns the action. */
  ruleKind: string;
  mnemonic: string;
  /** Built for the execution platform (a tool), not for the targets being tested. */
  forTool: boolean;
  /** The command line with every params file spliced in where it is referenced. */
  args: string[];
  env: Record<string, string>;
  inputs: string[];
  outputs: string[];
  primaryOutput: string | null;
}

export function parseAquery(json: string): Action[] {
  const raw = schema.parse(JSON.parse(json));
  const fragments = new Map(raw.pathFragments.map((f) => [f.id, f]));
  const fragmentPaths = new Map<number, string>();
  const fragmentPath = (id: number): string => {
    const known = fragmentPaths.get(id);
    if (known !== undefined) return known;
    const f = fragments.get(id);
    const p = f === undefined ? '' : f.parentId === undefined ? f.label : `${fragmentPath(f.parentId)}/${f.label}`;
    fragmentPaths.set(id, p);
    return p;
  };
  const artifacts = new Map(raw.artifacts.map((a) => [a.id, fragmentPath(a.pathFragmentId)]));
  const depSets = new Map(raw.depSetOfFiles.map((d) => [d.id, d]));
  const flattened = new Map<number, string[]>();
  const flatten = (id: number): string[] => {
    const known = flattened.get(id);
    if (known) return known;
    flattened.set(id, []);
    const d = depSets.get(id);
    const out = new Set<string>();
    for (const t of d?.transitiveDepSetIds ?? []) for (const f of flatten(t)) out.add(f);
    for (const a of d?.directArtifactIds ?? []) out.add(artifacts.get(a) ?? '');
    const list = [...out].filter((f) => f !== '');
    flattened.set(id, list);
    return list;
  };
  const ruleKinds = new Map(raw.ruleClasses.map((r) => [r.id, r.name]));
  const targets = new Map(raw.targets.map((t) => [t.id, { label: t.label, kind: ruleKinds.get(t.ruleClassId ?? -1) ?? '' }]));
  const tools = new Set(raw.configuration.filter((c) => c.isTool === true).map((c) => c.id));

  return raw.actions.map((a) => {
    const target = targets.get(a.targetId ?? -1);
    const params = new Map((a.paramFiles ?? []).map((p) => [`@${p.execPath ?? ''}`, p.arguments ?? []]));
    const args = (a.arguments ?? []).flatMap((arg) => params.get(arg) ?? [arg]);
    return {
      label: target?.label ?? '',
      ruleKind: target?.kind ?? '',
      mnemonic: a.mnemonic ?? '',
      forTool: tools.has(a.configurationId ?? -1),
      args,
      env: Object.fromEntries((a.environmentVariables ?? []).map((e) => [e.key, e.value ?? ''])),
      inputs: [...new Set((a.inputDepSetIds ?? []).flatMap(flatten))],
      outputs: (a.outputIds ?? []).map((id) => artifacts.get(id) ?? '').filter((p) => p !== ''),
      primaryOutput: a.primaryOutputId === undefined ? null : (artifacts.get(a.primaryOutputId) ?? null),
    };
  });
}
