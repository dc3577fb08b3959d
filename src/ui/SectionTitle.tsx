// The one-line heading above each dashboard section.
import { Text } from 'ink';
import { tint } from './palette.js';

export function SectionTitle({ title, noColor }: { title: string; noColor: boolean }) {
  return (
    <Text bold={!noColor} color={tint('cyan', noColor)} wrap="truncate-end">
      {title}
    </Text>
  );
}
