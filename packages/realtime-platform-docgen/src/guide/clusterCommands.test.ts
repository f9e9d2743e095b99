import {
  NO_CONTAINERS,
  NO_CROSSPLANE,
  kubectlVerb,
  planCommand,
} from './clusterCommands';

describe('planCommand', () => {
  it('runs what the API server alone can answer', () => {
    for (const c of [
      'kubectl -n factory get realtimeplatform telemetry',
      'kubectl -n factory scale deploy ingest alerting --replicas=0',
      "MQTT_PASS=$(kubectl get secret telemetry-mqtt-users -n factory -o jsonpath='{.data.press-line-1}' | base64 -d)",
    ])
      expect(planCommand(c)).toEqual({ run: true, command: c });
  });

  it('names why the others cannot run', () => {
    expect(planCommand('kubectl -n x exec kafka-0 -- true')).toEqual({
      run: false,
      reason: NO_CONTAINERS,
    });
    expect(
      planCommand(
        "kubectl -n f get secret c -o jsonpath='{.data.P}' | base64 -d | kubectl -n p exec -i postgresql-0 -- psql",
      ),
    ).toEqual({ run: false, reason: NO_CONTAINERS });
    expect(
      planCommand(
        'kubectl wait --for=condition=Healthy provider.pkg.crossplane.io/provider-kubernetes',
      ),
    ).toEqual({ run: false, reason: NO_CROSSPLANE });
    expect(
      planCommand('kubectl rollout restart -n <ns> deploy/<service>'),
    ).toEqual({ run: false, reason: expect.stringMatching(/fragment/) });
    expect(planCommand('kubectl get')).toEqual({
      run: false,
      reason: expect.stringMatching(/fragment/),
    });
  });

  it('finds the verb after leading flags', () => {
    expect(kubectlVerb(['-n', 'factory', 'get', 'pods'])).toBe('get');
    expect(kubectlVerb(['--namespace', 'x', '-o', 'yaml'])).toBe('yaml');
  });
});
