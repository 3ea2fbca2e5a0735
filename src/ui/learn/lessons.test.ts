import { describe, expect, it } from 'vitest';
import { LESSONS, learnLinkId, lessonAfter, lessonFileName } from './lessons';

describe('learnLinkId', () => {
  it('reads the lesson id of a #learn/<id> fragment, and nothing else', () => {
    expect(learnLinkId('#learn/retries')).toBe('retries');
    expect(learnLinkId('#learn/no%20such')).toBe('no such');
    expect(learnLinkId('#learn/')).toBe('');
    expect(learnLinkId('#share=abc')).toBeNull();
    expect(learnLinkId('')).toBeNull();
    expect(learnLinkId('#learn/a/b')).toBeNull();
  });
});

describe('lesson order and files', () => {
  it('steps through the lessons in order and stops at both ends', () => {
    const [first, second] = LESSONS;
    expect(lessonAfter(first!.id, 1)).toBe(second);
    expect(lessonAfter(second!.id, -1)).toBe(first);
    expect(lessonAfter(first!.id, -1)).toBeUndefined();
    expect(lessonAfter(LESSONS.at(-1)!.id, 1)).toBeUndefined();
    expect(lessonAfter('nope', 1)).toBeUndefined();
  });

  it('names a lesson file as a Python module name', () => {
    expect(lessonFileName({ id: 'steps-are-cached' })).toBe('lesson_steps_are_cached.py');
  });
});
