import { describe, expect, it } from 'vitest';
import { appStore } from './app-store';

describe('appStore', () => {
  it('opens with a Cloudflare Python workflow that uses step.do and step.sleep', () => {
    const { source } = appStore.getState();
    expect(source).toContain('from workers import WorkflowEntrypoint');
    expect(source).toContain('async def run(self, event, step):');
    expect(source).toContain('async def charge_card(fetch_order):');
    expect(source).toContain('await step.sleep("cool-off", "10 seconds")');
  });

  it('updates the source and the selection through its actions', () => {
    appStore.getState().setSource('x = 1');
    appStore.getState().selectInstance('order-1');
    expect(appStore.getState()).toMatchObject({ source: 'x = 1', selectedInstanceId: 'order-1' });
  });
});
