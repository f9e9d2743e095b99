import { CopyTextButton } from '@backstage/core-components';
import {
  ConnectionSecretRef,
  SecretKey,
} from '@internal/plugin-realtime-platform-common';
import {
  CONNECTION_KEY_GROUPS,
  connectionKeyGroup,
  isCredentialKey,
  kubectlKeyCommand,
  kubectlKeysCommand,
} from '@internal/realtime-platform-contract';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { docsLinks } from '../../docs';
import { DenseItem, DenseList, Hint, Section } from './Section';

/** The secret's keys by service, in the contract's order; `Other` last. */
function groupKeys(keys: SecretKey[]): [string, SecretKey[]][] {
  return [...CONNECTION_KEY_GROUPS.map(g => g.label), 'Other']
    .map((label): [string, SecretKey[]] => [
      label,
      keys.filter(k => connectionKeyGroup(k.key) === label),
    ])
    .filter(([, group]) => group.length > 0);
}

/**
 * One line per service, its keys as buttons that choose the key whose command is shown. Each key
 * is also the name of the environment variable consumers get (envFrom), so it is shown once.
 */
function SecretKeyGroups(props: {
  keys: SecretKey[];
  selectedKey?: string;
  onSelect: (key: string) => void;
}) {
  const { keys, selectedKey, onSelect } = props;
  return (
    <DenseList label="Secret keys">
      {groupKeys(keys).map(([label, group]) => (
        <DenseItem key={label} gap={4}>
          <Typography
            variant="caption"
            color="textSecondary"
            data-testid="key-group"
            style={{ minWidth: 96 }}
          >
            {label}
          </Typography>
          {group.map(k => (
            <Button
              key={k.key}
              size="small"
              variant={k.key === selectedKey ? 'outlined' : 'text'}
              aria-pressed={k.key === selectedKey}
              title={isCredentialKey(k.key) ? 'credential' : undefined}
              onClick={() => onSelect(k.key)}
              style={{ textTransform: 'none', minWidth: 0, padding: '0 4px' }}
            >
              <code>{k.key}</code>
            </Button>
          ))}
        </DenseItem>
      ))}
    </DenseList>
  );
}

/** A command on one line (cut with an ellipsis, whole in its tooltip) with a copy button. */
function CommandLine(props: { command: string; label: string; id: string }) {
  return (
    <Box display="flex" alignItems="center">
      <Typography
        variant="body2"
        component="code"
        data-testid={props.id}
        title={props.command}
        noWrap
      >
        {props.command}
      </Typography>
      {/* The icon button's own padding would double the line's height. */}
      <Box my={-1}>
        <CopyTextButton
          text={props.command}
          tooltipText="Command copied"
          aria-label={props.label}
        />
      </Box>
    </Box>
  );
}

/** Secret name, namespace and keys by service, with the commands that read them: never a value. */
export function SecretsSection(props: { secret?: ConnectionSecretRef }) {
  const { secret } = props;
  const [selected, setSelected] = useState<string>();
  const keys = secret?.keys ?? [];
  const key = keys.find(k => k.key === selected)?.key ?? keys[0]?.key;
  const plain = keys.map(k => k.key).filter(k => !isCredentialKey(k));
  return (
    <Section
      title="Connection secrets"
      docsTo={docsLinks.access}
      docsLabel="Access and secrets guide"
    >
      {!secret && (
        <Hint>
          No connection secret declared
          (realtime-platform.io/connection-secret).
        </Hint>
      )}
      {secret && (
        <Typography variant="body2">
          Secret <code>{secret.name}</code> in <code>{secret.namespace}</code>;
          each key is a consumer env var
        </Typography>
      )}
      {secret && !keys.length && (
        <Hint>
          No keys declared (realtime-platform.io/connection-secret-keys).
        </Hint>
      )}
      {secret && keys.length > 0 && (
        <>
          <SecretKeyGroups
            keys={keys}
            selectedKey={key}
            onSelect={setSelected}
          />
          {plain.length > 0 && (
            <CommandLine
              id="kubectl-all-command"
              label="Copy the command that prints every non-secret key"
              command={kubectlKeysCommand(secret, plain)}
            />
          )}
          {key && (
            <CommandLine
              id="kubectl-command"
              label="Copy kubectl command"
              command={kubectlKeyCommand(secret, key)}
            />
          )}
        </>
      )}
    </Section>
  );
}
