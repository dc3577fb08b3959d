// The last line: the keys, with the pause key saying what it will do next.
import { Text } from 'ink';

export interface FooterProps {
  paused: boolean;
  help: boolean;
  noColor: boolean;
}

export function Footer({ paused, help, noColor }: FooterProps) {
  const keys = ['q quit', paused ? 'p resume' : 'p pause', 'r reset', help ? '? close help' : '? help'];
  return (
    <Text dimColor={!noColor} wrap="truncate-end">
      {keys.join('  ')}
    </Text>
  );
}
