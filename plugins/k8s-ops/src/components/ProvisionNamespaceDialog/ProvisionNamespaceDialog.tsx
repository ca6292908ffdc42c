import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { NamespaceProvisionResponse } from '@k8s-ops/plugin-k8s-ops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import {
  emptyProvisionForm,
  ProvisionForm,
  provisionRequest,
  QUOTA_KEYS,
} from '../../lib/provisionRequest';
import { ActionDialog } from '../ActionDialog';
import { ManifestPreview } from '../ManifestPreview';

const LEVELS = ['', 'privileged', 'baseline', 'restricted'] as const;

function Section(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children?: ReactNode;
}) {
  return (
    <Box mt={1}>
      <FormControlLabel
        control={
          <Checkbox
            checked={props.checked}
            onChange={e => props.onChange(e.target.checked)}
          />
        }
        label={props.label}
      />
      {props.checked && props.children && (
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }} ml={4}>
          {props.children}
        </Box>
      )}
    </Box>
  );
}

/**
 * Provisions a namespace on a cluster with every option of the backend:
 * Pod Security Standards labels, a quota, container limits, a default-deny
 * network policy and a service account with a role. Preview is a dry run
 * that shows each manifest's diff; Provision applies.
 */
export function ProvisionNamespaceDialog(props: {
  cluster: string;
  onClose: () => void;
  onProvisioned?: (namespace: string) => void;
}) {
  const { cluster, onClose, onProvisioned } = props;
  const api = useApi(k8sOpsApiRef);
  const alertApi = useApi(alertApiRef);
  const [form, setForm] = useState<ProvisionForm>(emptyProvisionForm);
  const [preview, setPreview] = useState<{
    form: ProvisionForm;
    response: NamespaceProvisionResponse;
  }>();
  const update = (change: (draft: ProvisionForm) => void) =>
    setForm(current => {
      const draft = structuredClone(current);
      change(draft);
      return draft;
    });
  const field = (
    label: string,
    value: string,
    onChange: (value: string) => void,
    width = 140,
  ) => (
    <TextField
      key={label}
      label={label}
      size="small"
      variant="outlined"
      margin="dense"
      style={{ width }}
      value={value}
      onChange={e => onChange(e.target.value)}
      inputProps={{ 'aria-label': label }}
    />
  );

  return (
    <ActionDialog
      title={`Provision a namespace on ${cluster}`}
      confirmLabel="Provision"
      confirmDisabled={!form.name.trim()}
      secondaryAction={{
        label: 'Preview',
        onRun: async () => {
          const response = await api.provisionNamespace(
            cluster,
            provisionRequest(form, true),
          );
          setPreview({ form, response });
        },
      }}
      onConfirm={async () => {
        const response = await api.provisionNamespace(
          cluster,
          provisionRequest(form, false),
        );
        const created = response.manifests.filter(m => m.created).length;
        const changed = response.manifests.filter(
          m => !m.created && m.diff,
        ).length;
        alertApi.post({
          message: `Provisioned namespace ${response.namespace} on ${cluster}: ${created} created, ${changed} changed`,
          severity: 'success',
          display: 'transient',
        });
        onProvisioned?.(response.namespace);
      }}
      onClose={onClose}
      input={form}
      maxWidth="md"
    >
      {busy => (
        <>
          <TextField
            label="Namespace name"
            required
            fullWidth
            variant="outlined"
            margin="dense"
            value={form.name}
            onChange={e => update(d => void (d.name = e.target.value))}
            helperText="Lowercase letters, digits and -; applying again changes nothing"
            inputProps={{ 'aria-label': 'Namespace name' }}
          />
          <Typography variant="subtitle2" style={{ marginTop: 8 }}>
            Pod Security Standards
          </Typography>
          <Box display="flex" style={{ gap: 8 }}>
            {(['enforce', 'warn', 'audit'] as const).map(mode => (
              <TextField
                key={mode}
                select
                label={mode}
                size="small"
                variant="outlined"
                margin="dense"
                style={{ width: 160 }}
                value={form.podSecurity[mode]}
                onChange={e =>
                  update(
                    d =>
                      void (d.podSecurity[mode] = e.target
                        .value as ProvisionForm['podSecurity']['enforce']),
                  )
                }
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
                inputProps={{ 'aria-label': `Pod security ${mode}` }}
              >
                {LEVELS.map(level => (
                  <option key={level} value={level}>
                    {level || '(none)'}
                  </option>
                ))}
              </TextField>
            ))}
          </Box>
          <Section
            label="Resource quota"
            checked={form.quotaEnabled}
            onChange={v => update(d => void (d.quotaEnabled = v))}
          >
            {QUOTA_KEYS.map(key =>
              field(key, form.quota[key] ?? '', v =>
                update(d => void (d.quota[key] = v)),
              ),
            )}
          </Section>
          <Section
            label="Container limits (LimitRange)"
            checked={form.limitsEnabled}
            onChange={v => update(d => void (d.limitsEnabled = v))}
          >
            {(['defaultRequest', 'default', 'max'] as const).flatMap(key =>
              (['cpu', 'memory'] as const).map(resource =>
                field(`${key} ${resource}`, form.limits[key][resource], v =>
                  update(d => void (d.limits[key][resource] = v)),
                ),
              ),
            )}
          </Section>
          <Section
            label="Network policy: deny ingress except from this namespace"
            checked={form.networkPolicy}
            onChange={v => update(d => void (d.networkPolicy = v))}
          />
          <Section
            label="Service account with a role"
            checked={form.serviceAccountEnabled}
            onChange={v => update(d => void (d.serviceAccountEnabled = v))}
          >
            <Box width="100%">
              {field(
                'Service account name',
                form.serviceAccount.name,
                v => update(d => void (d.serviceAccount.name = v)),
                220,
              )}
              {form.serviceAccount.rules.map((rule, i) => (
                <Box
                  key={i}
                  display="flex"
                  alignItems="center"
                  style={{ gap: 8 }}
                >
                  {field(
                    `Rule ${i + 1} API groups`,
                    rule.apiGroups,
                    v =>
                      update(
                        d => void (d.serviceAccount.rules[i].apiGroups = v),
                      ),
                    170,
                  )}
                  {field(
                    `Rule ${i + 1} resources`,
                    rule.resources,
                    v =>
                      update(
                        d => void (d.serviceAccount.rules[i].resources = v),
                      ),
                    200,
                  )}
                  {field(
                    `Rule ${i + 1} verbs`,
                    rule.verbs,
                    v =>
                      update(d => void (d.serviceAccount.rules[i].verbs = v)),
                    220,
                  )}
                  <Button
                    size="small"
                    aria-label={`Remove rule ${i + 1}`}
                    onClick={() =>
                      update(d => void d.serviceAccount.rules.splice(i, 1))
                    }
                  >
                    Remove
                  </Button>
                </Box>
              ))}
              <Button
                size="small"
                onClick={() =>
                  update(
                    d =>
                      void d.serviceAccount.rules.push({
                        apiGroups: 'core',
                        resources: 'pods',
                        verbs: 'get, list',
                      }),
                  )
                }
              >
                Add rule
              </Button>
              <Typography
                variant="caption"
                display="block"
                color="textSecondary"
              >
                Comma-separated; the core API group is written core.
              </Typography>
            </Box>
          </Section>
          {busy && <LinearProgress />}
          {preview && (
            <ManifestPreview
              manifests={preview.response.manifests}
              stale={preview.form !== form}
            />
          )}
        </>
      )}
    </ActionDialog>
  );
}
