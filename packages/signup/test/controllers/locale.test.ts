// The locale controller on its own (controllers/locale.ts), on a small Lit element of its own: the
// language from the `locale` attribute, the nearest `lang` or <html lang>, followed as the page
// changes it (inside a shadow root too), and its catalogue loaded, the latest language winning.
import { expect, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LocaleController } from '../../src/membership-signup/controllers/locale.js';

class LocaleHost extends LitElement {
  static override properties = { locale: {} };
  declare locale: string | undefined;
  lang_ = new LocaleController(this);
  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // As the element does at its first load and when the attribute changes.
    if (!this.hasUpdated || changed.has('locale')) void this.lang_.resolve();
  }
  protected override render() {
    return html`<p lang=${this.lang_.t.lang}>${this.lang_.locale} ${this.lang_.t.inviteOnly}</p>`;
  }
}
customElements.define('locale-host', LocaleHost);

const shown = (el: LocaleHost) => el.shadowRoot!.querySelector('p')!;

describe('LocaleController', () => {
  const made: HTMLElement[] = [];
  const add = async (markup: string, parent: ParentNode = document.body) => {
    const box = document.createElement('div');
    box.innerHTML = markup;
    const first = box.firstElementChild as HTMLElement;
    parent.append(first);
    made.push(first);
    const el = (first.localName === 'locale-host' ? first : first.querySelector('locale-host')) as LocaleHost;
    await el.updateComplete;
    return el;
  };
  const htmlLang = document.documentElement.lang;
  afterEach(() => {
    for (const element of made.splice(0)) element.remove();
    document.documentElement.lang = htmlLang;
  });

  it('takes the locale attribute first, then the nearest lang, then <html lang>, else English', async () => {
    document.documentElement.lang = 'de';
    expect((await add('<locale-host locale="fr-ca"></locale-host>')).lang_.locale).to.equal('fr-CA');
    expect((await add('<section lang="es"><div><locale-host></locale-host></div></section>')).lang_.locale).to.equal('es');
    expect((await add('<locale-host></locale-host>')).lang_.locale).to.equal('de');
    document.documentElement.lang = '';
    expect((await add('<locale-host></locale-host>')).lang_.locale).to.equal('en');
  });

  it("loads the language's catalogue and the element renders it", async () => {
    const el = await add('<locale-host locale="fr"></locale-host>');
    await waitUntil(() => shown(el).lang === 'fr', 'the French catalogue');
    expect(el.lang_.t.lang).to.equal('fr');
  });

  it('follows a lang the page changes later, on an ancestor or on <html>', async () => {
    const el = await add('<section lang="en"><locale-host></locale-host></section>');
    el.parentElement!.setAttribute('lang', 'de');
    await waitUntil(() => shown(el).lang === 'de', 'German after the ancestor changed');
    el.parentElement!.removeAttribute('lang');
    document.documentElement.lang = 'es';
    await waitUntil(() => shown(el).lang === 'es', 'Spanish after <html lang> changed');
    expect(shown(el).textContent).to.contain('es');
  });

  it("follows lang inside a component's shadow root, and stops following once disconnected", async () => {
    const component = document.createElement('div');
    document.body.append(component);
    made.push(component);
    const root = component.attachShadow({ mode: 'open' });
    root.innerHTML = '<div lang="en"><locale-host></locale-host></div>';
    const el = root.querySelector('locale-host') as LocaleHost;
    await el.updateComplete;
    root.firstElementChild!.setAttribute('lang', 'fr');
    await waitUntil(() => el.lang_.t.lang === 'fr', 'French inside the shadow root');
    el.remove();
    document.documentElement.lang = 'de';
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(el.lang_.locale).to.equal('fr');
  });

  it('ignores a locale that is no language tag, with one warning however often it resolves', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      document.documentElement.lang = 'de';
      const el = await add('<locale-host locale="not a locale!!"></locale-host>');
      await el.lang_.resolve();
      await el.lang_.resolve();
      expect(el.lang_.locale).to.equal('de');
      expect(warnings.filter((line) => line.includes('not a valid language tag'))).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });

  it('keeps the latest language when an earlier catalogue arrives after it', async () => {
    const el = await add('<locale-host locale="ar"></locale-host>');
    // Arabic is asked for first, then English (at once): Arabic's answer must not win.
    el.locale = 'en';
    await el.updateComplete;
    await el.lang_.resolve();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(el.lang_.locale).to.equal('en');
    expect(el.lang_.t.lang).to.equal('en');
  });
});
