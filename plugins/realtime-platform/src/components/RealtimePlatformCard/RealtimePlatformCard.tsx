import {
  InfoCard,
  InfoCardVariants,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  EntityProvider,
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { ANNOTATION_PLATFORM_NAME } from '@internal/plugin-realtime-platform-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { docsLinks } from '../../docs';
import { ConsumerSummary } from './ConsumerSummary';
import { displayEntity } from './displayEntity';
import { ConsumersSection } from './ConsumersSection';
import { LinksSection } from './LinksSection';
import { PartsSection } from './PartsSection';
import { ProblemsNote } from './ProblemsNote';
import { SecretsSection } from './SecretsSection';
import { useRealtimePlatform } from './useRealtimePlatform';

const TITLE = 'Realtime platform';

/** Props of {@link RealtimePlatformCard}. */
export interface RealtimePlatformCardProps {
  variant?: InfoCardVariants;
}

/**
 * The card shared by both frontend systems. States, in order: missing
 * annotation, loading, error with retry, empty, data.
 */
export function RealtimePlatformCard(props: RealtimePlatformCardProps) {
  const { variant = 'gridItem' } = props;
  const { entity } = useEntity();
  const { view, related } = useRealtimePlatform(entity);

  let body;
  if (view.kind === 'missing') {
    // The YAML hint prints the entity's name and type: give it a safe copy.
    body = (
      <EntityProvider entity={displayEntity(entity)}>
        <MissingAnnotationEmptyState
          annotation={ANNOTATION_PLATFORM_NAME}
          readMoreUrl={docsLinks.access}
        />
      </EntityProvider>
    );
  } else if (related.loading) {
    body = <Progress />;
  } else if (related.error) {
    body = (
      <>
        <ResponseErrorPanel error={related.error} />
        <Button variant="outlined" onClick={related.retry}>
          Retry
        </Button>
      </>
    );
  } else if (view.kind === 'consumer') {
    body = (
      <>
        <ProblemsNote problems={view.model.problems} />
        <ConsumerSummary
          model={view.model}
          related={related.value ?? new Map()}
        />
      </>
    );
  } else {
    const { model } = view;
    const isEmpty =
      !model.partRefs.length &&
      !model.consumerRefs.length &&
      !model.secret &&
      !model.lensesHq &&
      !model.metabase &&
      !model.problems.length;
    const relatedEntities = related.value ?? new Map();
    body = isEmpty ? (
      <div style={{ textAlign: 'center' }}>
        <Typography variant="body1">
          This platform declares no parts, consumers, connection secret or links
          yet.
        </Typography>
        <Typography variant="body2">
          <Link to={docsLinks.access}>
            How a platform is described in the catalog
          </Link>
        </Typography>
      </div>
    ) : (
      <>
        <ProblemsNote problems={model.problems} />
        <PartsSection partRefs={model.partRefs} related={relatedEntities} />
        <ConsumersSection
          consumerRefs={model.consumerRefs}
          related={relatedEntities}
        />
        <SecretsSection secret={model.secret} />
        <LinksSection
          lensesHq={model.lensesHq}
          metabase={model.metabase}
          problems={model.problems}
        />
      </>
    );
  }

  return (
    <InfoCard variant={variant} title={TITLE}>
      {body}
    </InfoCard>
  );
}
