import { Badge, Tooltip } from '@mantine/core';
import classes from './PropertyMap.module.css';

/** Said discreetly in a map's corner when it draws on the built-in plain style. */
export function OfflineBasemapNote({ drawn }: { drawn: string }) {
  return (
    <Tooltip label={`No basemap is configured or it could not be loaded; ${drawn} drawn on a plain background.`}>
      <Badge className={classes.basemapNote} size="xs" variant="white" color="gray" radius="sm">
        Offline basemap
      </Badge>
    </Tooltip>
  );
}
