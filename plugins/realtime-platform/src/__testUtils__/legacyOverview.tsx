// The legacy EntityPage overview of the README ("Legacy frontend system"), which the README shows
// verbatim (but for this import of the package itself); legacyEntityPage.test.tsx renders it.
import { Grid } from '@material-ui/core';
import {
  EntityAboutCard,
  EntityDependsOnComponentsCard,
  EntityHasSubcomponentsCard,
  EntitySwitch,
} from '@backstage/plugin-catalog';
import { EntityRealtimePlatformCard, isRealtimePlatformAvailable } from '..';
import { isRealtimePlatformEntity } from '@internal/plugin-realtime-platform-common';

export const overviewContent = (
  <Grid container spacing={3} alignItems="stretch">
    <Grid item md={6}>
      <EntityAboutCard />
    </Grid>
    <EntitySwitch>
      <EntitySwitch.Case if={isRealtimePlatformAvailable}>
        <Grid item md={6}>
          <EntityRealtimePlatformCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
    <EntitySwitch>
      <EntitySwitch.Case if={e => !isRealtimePlatformEntity(e)}>
        <Grid item md={6}>
          <EntityDependsOnComponentsCard variant="gridItem" />
        </Grid>
        <Grid item md={6}>
          <EntityHasSubcomponentsCard variant="gridItem" />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
  </Grid>
);
