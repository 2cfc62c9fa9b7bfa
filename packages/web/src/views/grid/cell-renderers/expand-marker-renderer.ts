// The row-number column with an expand icon: glide's row marker (number, checkbox on hover)
// plus, while the row is hovered, an icon on its right that opens the record panel. A click
// in that part of the marker expands the row (see use-grid-keys.ts).
import { AllCellRenderers, markerCellRenderer } from '@glideapps/glide-data-grid';

/** Width of the marker's right part that holds the icon and takes the expand click. */
export const expandZoneWidth = 20;

const expandMarkerRenderer: typeof markerCellRenderer = {
  ...markerCellRenderer,
  draw(args, cell) {
    markerCellRenderer.draw(args, cell);
    const { ctx, rect, theme, hoverAmount } = args;
    if (hoverAmount <= 0) return;
    const cx = rect.x + rect.width - expandZoneWidth / 2 - 2;
    const cy = rect.y + rect.height / 2;
    const size = 4;
    const head = 3;
    ctx.save();
    ctx.globalAlpha = hoverAmount;
    ctx.strokeStyle = theme.textMedium;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(cx - size, cy + size);
    ctx.lineTo(cx + size, cy - size);
    ctx.moveTo(cx + size - head, cy - size);
    ctx.lineTo(cx + size, cy - size);
    ctx.lineTo(cx + size, cy - size + head);
    ctx.moveTo(cx - size + head, cy + size);
    ctx.lineTo(cx - size, cy + size);
    ctx.lineTo(cx - size, cy + size - head);
    ctx.stroke();
    ctx.restore();
  },
};

/** Glide's cell renderers with the row marker that shows the expand icon. */
export const gridCellRenderers: typeof AllCellRenderers = AllCellRenderers.map((renderer) =>
  // The list holds renderers of every cell kind; this one replaces the marker's.
  renderer === markerCellRenderer ? (expandMarkerRenderer as unknown as typeof renderer) : renderer,
);
