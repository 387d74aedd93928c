// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageText } from './message-text';

afterEach(cleanup);

function renderText(text: string): HTMLElement {
  return render(<MessageText text={text} />).container;
}

describe('MessageText', () => {
  it('renders Markdown: emphasis, lists and GFM tables', () => {
    const container = renderText(
      '**Polar Tent** is in stock:\n\n- Shanghai: 7\n- Chengdu: 0\n\n| SKU | Price |\n| --- | --- |\n| OD-1102 | ¥68.90 |',
    );
    expect(container.querySelector('strong')?.textContent).toBe('Polar Tent');
    expect([...container.querySelectorAll('li')].map((item) => item.textContent)).toEqual(['Shanghai: 7', 'Chengdu: 0']);
    expect(container.querySelector('td')?.textContent).toBe('OD-1102');
  });

  it('never turns raw HTML into elements', () => {
    const container = renderText(
      'Hello <img src=x onerror="alert(1)"> and <script>alert(2)</script>\n\n<iframe src="https://evil.example"></iframe>\n\n<a href="javascript:alert(3)">click</a>',
    );
    expect(container.querySelector('img, script, iframe, [onerror]')).toBeNull();
    expect(container.querySelector('a')).toBeNull();
    expect(container.innerHTML).not.toContain('onerror');
    expect(container.textContent).toContain('Hello');
  });

  it('opens http(s) links in a new tab without handing over the opener', () => {
    const link = renderText('See [our returns page](https://shop.example.com/returns).').querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://shop.example.com/returns');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('keeps mailto links and strips javascript:, data: and relative URLs down to their text', () => {
    const container = renderText(
      '[mail us](mailto:help@shop.example.com) [x](javascript:alert(1)) [y](data:text/html,hi) [z](/admin)',
    );
    const links = [...container.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['mailto:help@shop.example.com']);
    expect(container.textContent).toContain('x y z');
  });

  it('shows an image only as its alt text (no request to a URL the model chose)', () => {
    const container = renderText('![Polar Tent photo](https://tracker.example/pixel.png?q=secret)');
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('Polar Tent photo');
  });
});
