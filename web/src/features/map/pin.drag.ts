import type * as maplibregl from 'maplibre-gl';
import type { PinDrop } from './map.pins';
import { pinDataUrl } from './pin.icons';
import classes from './OpsMap.module.css';

// Dragging a pin, onto a crew in the panel beside the map or to a new spot on
// the map (STACK.md: mousedown + preventDefault, a floating ghost,
// elementsFromPoint on release).

/** A press that moves less than this is a click, not a drag. */
const DRAG_THRESHOLD_PX = 6;
const CREW_DROP_SELECTOR = '[data-crew-drop]';

export type PinDragHandlers = {
  /** The press became a drag: the pin now follows the pointer as a ghost (hide it on the map). */
  lift(): void;
  /** The press never moved far enough: a click. */
  click(): void;
  /** Released after a drag: on a crew, on a spot of the map, or elsewhere (null: nothing changes). */
  drop(target: PinDrop | null): void;
};

/** Follows one press on a pin (of look `icon`) from its mousedown `start` to the release. */
export function startPinDrag(map: maplibregl.Map, icon: string, start: MouseEvent, handlers: PinDragHandlers): void {
  let ghost: HTMLImageElement | null = null;
  let hovered: Element | null = null;
  const dropTarget = (x: number, y: number) =>
    document
      .elementsFromPoint(x, y)
      .map((el) => el.closest(CREW_DROP_SELECTOR))
      .find(Boolean) ?? null;
  const setHovered = (el: Element | null) => {
    if (hovered === el) return;
    hovered?.removeAttribute('data-drop-hover');
    el?.setAttribute('data-drop-hover', 'true');
    hovered = el;
  };
  const move = (event: MouseEvent) => {
    if (!ghost) {
      if (Math.hypot(event.clientX - start.clientX, event.clientY - start.clientY) < DRAG_THRESHOLD_PX) return;
      ghost = document.createElement('img');
      ghost.src = pinDataUrl(icon) ?? '';
      ghost.className = classes.ghost ?? '';
      ghost.dataset['testid'] = 'drag-ghost';
      document.body.append(ghost);
      handlers.lift();
    }
    ghost.style.transform = `translate(${event.clientX - 15}px, ${event.clientY - 15}px)`;
    setHovered(dropTarget(event.clientX, event.clientY));
  };
  const up = (event: MouseEvent) => {
    window.removeEventListener('mousemove', move);
    window.removeEventListener('mouseup', up);
    setHovered(null);
    const dragged = ghost !== null;
    ghost?.remove();
    if (!dragged) {
      handlers.click();
      return;
    }
    const crewId = dropTarget(event.clientX, event.clientY)?.getAttribute('data-crew-drop');
    if (crewId) {
      handlers.drop({ crewId });
      return;
    }
    const canvas = map.getCanvas();
    const rect = canvas.getBoundingClientRect();
    const inside =
      event.clientX >= rect.left &&
      event.clientX <= rect.right &&
      event.clientY >= rect.top &&
      event.clientY <= rect.bottom;
    const onMap = inside && document.elementFromPoint(event.clientX, event.clientY) === canvas;
    if (onMap) {
      const spot = map.unproject([event.clientX - rect.left, event.clientY - rect.top]);
      handlers.drop({ location: { lng: spot.lng, lat: spot.lat } });
    } else handlers.drop(null);
  };
  window.addEventListener('mousemove', move);
  window.addEventListener('mouseup', up);
}
