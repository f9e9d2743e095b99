import { CopyTextButton } from '@backstage/core-components';
import { ConnectionSecretRef } from '@internal/plugin-realtime-platform-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { docsLinks } from '../../docs';
import { Hint, Section } from './Section';

/**
 * The kubectl command that reads one key. Every part was validated as a
 * Kubernetes name or an UPPER_SNAKE key, so nothing here needs shell quoting.
 */
export function kubectlCommand(secret: ConnectionSecretRef, key: string) {
  return `kubectl get secret ${secret.name} -n ${secret.namespace} -o jsonpath='{.data.${key}}' | base64 -d`;
}

/** The secret's keys and the env var each becomes, with a button that shows its command. */
function SecretKeysTable(props: {
  secret: ConnectionSecretRef;
  selectedKey?: string;
  onSelect: (index: number) => void;
}) {
  const { secret, selectedKey, onSelect } = props;
  if (secret.keys.length === 0) {
    return (
      <Hint>
        No keys declared (realtime-platform.io/connection-secret-keys).
      </Hint>
    );
  }
  return (
    <Table size="small" aria-label="Secret keys">
      <TableHead>
        <TableRow>
          <TableCell>Key</TableCell>
          <TableCell>Env var in consumers</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {secret.keys.map((k, i) => (
          <TableRow key={k.key} selected={k.key === selectedKey}>
            <TableCell>
              <code>{k.key}</code>
            </TableCell>
            <TableCell>
              <code>{k.envVar}</code>
            </TableCell>
            <TableCell>
              <Button size="small" onClick={() => onSelect(i)}>
                Command
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The kubectl command that reads one key, with a copy button. */
function KubectlCommand(props: {
  secret: ConnectionSecretRef;
  keyName: string;
}) {
  const command = kubectlCommand(props.secret, props.keyName);
  return (
    <Box display="flex" alignItems="center" mt={1}>
      <Typography
        variant="body2"
        component="code"
        data-testid="kubectl-command"
      >
        {command}
      </Typography>
      <CopyTextButton
        text={command}
        tooltipText="Command copied"
        aria-label="Copy kubectl command"
      />
    </Box>
  );
}

/** Secret name, namespace, keys and env vars: never a value. */
export function SecretsSection(props: { secret?: ConnectionSecretRef }) {
  const { secret } = props;
  const [selected, setSelected] = useState(0);
  const key = secret?.keys[Math.min(selected, secret.keys.length - 1)]?.key;
  return (
    <Section
      title="Connection secrets"
      docsTo={docsLinks.access}
      docsLabel="Access and secrets guide"
    >
      {!secret ? (
        <Hint>
          No connection secret declared
          (realtime-platform.io/connection-secret).
        </Hint>
      ) : (
        <>
          <Typography variant="body2">
            Secret <code>{secret.name}</code> in namespace{' '}
            <code>{secret.namespace}</code>
          </Typography>
          <SecretKeysTable
            secret={secret}
            selectedKey={key}
            onSelect={setSelected}
          />
          {key && <KubectlCommand secret={secret} keyName={key} />}
        </>
      )}
    </Section>
  );
}
