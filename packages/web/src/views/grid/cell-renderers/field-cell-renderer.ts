// Draws "field cells" on the canvas (chips with option colours, rating stars, attachment
// thumbnails, formatted text) and gives them the app's FieldInput as their editor.
import {
  type CustomRenderer,
  type DrawArgs,
  drawTextCell,
  GridCellKind,
  getLuminance,
  getMiddleCenterBias,
  measureTextCached,
  roundedRect,
} from '@glideapps/glide-data-grid';
import { type FieldCell, isFieldCell } from '../cell-content.ts';
import type { Chip, FileThumb } from '../cell-look.ts';
import { FieldCellEditor } from './FieldCellEditor.tsx';

const chipHeight = 20;
const chipPadding = 8;
const chipGap = 4;

function drawChips(args: DrawArgs<FieldCell>, chips: readonly Chip[]): void {
  const { ctx, rect, theme } = args;
  const right = rect.x + rect.width - theme.cellHorizontalPadding;
  const top = rect.y + (rect.height - chipHeight) / 2;
  let x = rect.x + theme.cellHorizontalPadding;
  ctx.font = theme.baseFontFull;
  for (const chip of chips) {
    if (x >= right) break;
    const textWidth = measureTextCached(chip.text, ctx, theme.baseFontFull).width;
    const width = Math.min(textWidth + chipPadding * 2, right - x);
    const background = chip.color ?? theme.bgBubble;
    ctx.beginPath();
    roundedRect(ctx, x, top, width, chipHeight, chipHeight / 2);
    ctx.fillStyle = background;
    ctx.fill();
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, top, width - chipPadding / 2, chipHeight);
    ctx.clip();
    ctx.fillStyle = getLuminance(background) < 0.4 ? '#ffffff' : theme.textDark;
    ctx.fillText(chip.text, x + chipPadding, rect.y + rect.height / 2 + getMiddleCenterBias(ctx, theme));
    ctx.restore();
    x += width + chipGap;
  }
}

function drawStars(args: DrawArgs<FieldCell>, value: number, max: number, color: string): void {
  const { ctx, rect, theme } = args;
  const size = 16;
  ctx.font = `${size}px ${theme.fontFamily}`;
  const y = rect.y + rect.height / 2 + getMiddleCenterBias(ctx, `${size}px ${theme.fontFamily}`);
  for (let i = 0; i < max; i++) {
    const x = rect.x + theme.cellHorizontalPadding + i * (size + 2);
    if (x + size > rect.x + rect.width) break;
    ctx.fillStyle = i < value ? color : theme.borderColor;
    ctx.fillText('★', x, y);
  }
  ctx.font = theme.baseFontFull;
}

function drawFiles(args: DrawArgs<FieldCell>, files: readonly FileThumb[]): void {
  const { ctx, rect, theme, imageLoader, col, row } = args;
  const size = Math.max(12, rect.height - 8);
  const chips: Chip[] = [];
  let x = rect.x + theme.cellHorizontalPadding;
  for (const file of files) {
    const image = file.image ? imageLoader.loadOrGetImage(file.image, col, row) : undefined;
    if (!image) {
      chips.push({ text: file.title });
      continue;
    }
    if (x + size > rect.x + rect.width) break;
    ctx.save();
    ctx.beginPath();
    roundedRect(ctx, x, rect.y + 4, size, size, 4);
    ctx.clip();
    ctx.drawImage(image, x, rect.y + 4, size, size);
    ctx.restore();
    x += size + chipGap;
  }
  if (chips.length > 0)
    drawChips(
      { ...args, rect: { ...rect, x: x - theme.cellHorizontalPadding, width: rect.width - (x - rect.x) } },
      chips,
    );
}

export const fieldCellRenderer: CustomRenderer<FieldCell> = {
  kind: GridCellKind.Custom,
  isMatch: (cell): cell is FieldCell => isFieldCell(cell),
  needsHover: false,
  draw(args, cell) {
    const look = cell.data.look;
    switch (look.type) {
      case 'text':
        drawTextCell(args, look.text, look.align);
        return;
      case 'chips':
        drawChips(args, look.chips);
        return;
      case 'stars':
        drawStars(args, look.value, look.max, look.color);
        return;
      case 'files':
        drawFiles(args, look.files);
        return;
    }
  },
  provideEditor: () => ({ editor: FieldCellEditor, disablePadding: true }),
  // Pastes and deletes are handled by the grid as whole ranges (grid/paste-values.ts).
  onPaste: () => undefined,
};
