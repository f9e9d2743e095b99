/** Where a connection secret lives: its name and namespace. */
export interface SecretLocation {
  name: string;
  namespace: string;
}

/**
 * The kubectl command that prints one key's value. Names and keys are validated Kubernetes
 * names and UPPER_SNAKE keys wherever one is built, so nothing here needs shell quoting.
 */
export function kubectlKeyCommand(secret: SecretLocation, key: string): string {
  return `kubectl get secret ${secret.name} -n ${secret.namespace} -o jsonpath='{.data.${key}}' | base64 -d`;
}

/**
 * The kubectl command that prints `KEY=value` for each listed key that the secret holds, in key
 * order, and nothing of any other key: a go-template whose `eq` compares with every listed name.
 */
export function kubectlKeysCommand(
  secret: SecretLocation,
  keys: string[],
): string {
  const names = keys.map(k => `"${k}"`).join(' ');
  return `kubectl get secret ${secret.name} -n ${secret.namespace} -o go-template='{{range $k, $v := .data}}{{if eq $k ${names}}}{{$k}}={{base64decode $v}}{{"\\n"}}{{end}}{{end}}'`;
}
