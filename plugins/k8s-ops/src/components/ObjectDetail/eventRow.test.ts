import { eventRow } from './EventsTab';

describe('eventRow', () => {
  it.each([
    [
      'an old-style event',
      {
        metadata: { uid: 'e1', name: 'a.1' },
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container',
        count: 12,
        lastTimestamp: '2026-11-25T10:00:00Z',
      },
      { count: 12, lastSeen: '2026-11-25T10:00:00Z', type: 'Warning' },
    ],
    [
      'a new-style event with a series',
      {
        metadata: { uid: 'e2', name: 'a.2' },
        reason: 'Pulled',
        eventTime: '2026-11-25T09:00:00Z',
        series: { count: 4, lastObservedTime: '2026-11-25T10:05:00Z' },
      },
      { count: 4, lastSeen: '2026-11-25T10:05:00Z', type: 'Normal' },
    ],
    [
      'a single new-style event',
      {
        metadata: { uid: 'e3', name: 'a.3' },
        reason: 'Scheduled',
        eventTime: '2026-11-25T09:00:00Z',
      },
      { count: 1, lastSeen: '2026-11-25T09:00:00Z', type: 'Normal' },
    ],
  ])('reads %s', (_what, event, expected) => {
    expect(eventRow(event)).toEqual(expect.objectContaining(expected));
  });
});
