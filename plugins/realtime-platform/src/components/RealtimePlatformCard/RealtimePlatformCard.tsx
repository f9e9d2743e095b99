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
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_PLATFORM_NAME,
  RealtimePlatformModel,
} from '@internal/plugin-realtime-platform-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { docsLinks } from '../../docs';
import { ConsumerSummary } from './ConsumerSummary';
import { displayEntity } from './displayEntity';
import { ConsumersSection } from './ConsumersSection';
import { LinksSection } from './LinksSection';
import { LiveStateSection } from './LiveStateSection';
import { PartsSection } from './PartsSection';
import { ProblemsNote } from './ProblemsNote';
import { SecretsSection } from './SecretsSection';
import { useLiveState } from './useLiveState';
import {
  RealtimeView,
  RelatedEntities,
  useRealtimePlatform,
} from './useRealtimePlatform';

const TITLE = 'Realtime platform';

/**
 * Props of the realtime-platform entity card (`EntityRealtimePlatformCard`).
 *
 * @public
 */
export interface RealtimePlatformCardProps {
  /** The InfoCard variant; default `gridItem`. */
  variant?: InfoCardVariants;
}

type Related = ReturnType<typeof useRealtimePlatform>['related'];

/**
 * The card without the platform-name annotation: the YAML hint, which prints the entity's name
 * and type, so it gets a safe copy of the entity.
 */
function MissingAnnotation(props: { entity: Entity }) {
  return (
    <EntityProvider entity={displayEntity(props.entity)}>
      <MissingAnnotationEmptyState
        annotation={ANNOTATION_PLATFORM_NAME}
        readMoreUrl={docsLinks.access}
      />
    </EntityProvider>
  );
}

/** The related entities failed to load: the error and a retry button. */
function LoadError(props: { error: Error; retry: () => void }) {
  return (
    <>
      <ResponseErrorPanel error={props.error} />
      <Button variant="outlined" onClick={props.retry}>
        Retry
      </Button>
    </>
  );
}

/** Whether a platform has nothing to show: no parts, consumers, secret, links or problems. */
function isEmptyPlatform(model: RealtimePlatformModel): boolean {
  return (
    !model.partRefs.length &&
    !model.consumerRefs.length &&
    !model.secret &&
    !model.lensesHq &&
    !model.metabase &&
    !model.problems.length
  );
}

/** A platform with nothing to show, and where to read how to describe one. */
function EmptyPlatform() {
  return (
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
  );
}

/** A platform's problems, parts, consumers, connection secret and links. */
function PlatformDetails(props: {
  model: RealtimePlatformModel;
  related: RelatedEntities;
}) {
  const { model, related } = props;
  const { entity } = useEntity();
  const live = useLiveState(entity);
  return (
    <>
      <ProblemsNote problems={model.problems} />
      <LiveStateSection view={live.view} refresh={live.refresh} />
      <PartsSection
        partRefs={model.partRefs}
        related={related}
        workloads={live.view.kind === 'live' ? live.view.workloads : undefined}
      />
      <ConsumersSection consumerRefs={model.consumerRefs} related={related} />
      <SecretsSection secret={model.secret} />
      <LinksSection
        lensesHq={model.lensesHq}
        metabase={model.metabase}
        problems={model.problems}
      />
    </>
  );
}

/** The card's body for one state: missing annotation, loading, error, consumer, platform. */
function CardBody(props: {
  entity: Entity;
  view: RealtimeView;
  related: Related;
}) {
  const { entity, view, related } = props;
  if (view.kind === 'missing') return <MissingAnnotation entity={entity} />;
  if (related.loading) return <Progress />;
  if (related.error) {
    return <LoadError error={related.error} retry={related.retry} />;
  }
  const relatedEntities = related.value ?? new Map();
  if (view.kind === 'consumer') {
    return (
      <>
        <ProblemsNote problems={view.model.problems} />
        <ConsumerSummary model={view.model} related={relatedEntities} />
      </>
    );
  }
  return isEmptyPlatform(view.model) ? (
    <EmptyPlatform />
  ) : (
    <PlatformDetails model={view.model} related={relatedEntities} />
  );
}

/**
 * The card shared by both frontend systems. States, in order: missing
 * annotation, loading, error with retry, empty, data.
 */
export function RealtimePlatformCard(props: RealtimePlatformCardProps) {
  const { variant = 'gridItem' } = props;
  const { entity } = useEntity();
  const { view, related } = useRealtimePlatform(entity);
  return (
    <InfoCard
      variant={variant}
      title={TITLE}
      titleTypographyProps={{ variant: 'h6' }}
      headerProps={{ style: { paddingTop: 8, paddingBottom: 8 } }}
    >
      <CardBody entity={entity} view={view} related={related} />
    </InfoCard>
  );
}
