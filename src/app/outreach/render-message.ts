// Renders an outbox message from templates/<locale>/<template>.<part>.liquid with liquidjs (strict variables:
// a misspelt variable is an error, never an empty string). The disclosures the gate requires (mini-Miranda,
// opt-out notice, validation end date, ...) are appended automatically from templates/<locale>/disclosures/
// <CODE>.liquid; a required disclosure without a text fails the render, so the message is never sent without it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Liquid, type Template } from 'liquidjs';
import type { OutreachChannel } from '../../domain/outreach/strategy-definition.ts';
import type { MessageVariables } from '../../domain/outreach/build-message-variables.ts';

export type RenderedMessage = {
  channel: OutreachChannel;
  template: string;
  locale: string;
  subject: string | undefined;
  text: string;
  html: string | undefined;
  disclosures: string[];
  /** Each required disclosure's text as appended, by code (a letter laid out as a model form places them itself). */
  disclosureTexts?: Array<{ code: string; text: string }>;
};

export class TemplateError extends Error {
  constructor(message: string, readonly template: string) {
    super(message);
  }
}

export type TemplateInfo = { template: string; locale: string; channels: OutreachChannel[] };

const partsOf: Record<OutreachChannel, string[]> = {
  email: ['email.subject', 'email.txt', 'email.html'],
  sms: ['sms'],
  letter: ['letter'],
  call_task: [],
};

export const defaultTemplateRoot = resolve(import.meta.dirname, '../../../templates');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export type TemplateRenderer = {
  render(input: { channel: OutreachChannel; template: string; locale: string; variables: MessageVariables; requiredDisclosures: readonly string[] }): Promise<RenderedMessage>;
  list(): TemplateInfo[];
  has(template: string, locale: string, channel: OutreachChannel): boolean;
  /** The required disclosures that have no text in the locale (the message cannot be sent with them). */
  findMissingDisclosures(disclosures: readonly string[], locale: string): string[];
};

export function createTemplateRenderer(root: string = defaultTemplateRoot): TemplateRenderer {
  const engine = new Liquid({ strictVariables: true, strictFilters: true, outputEscape: undefined });
  const htmlEngine = new Liquid({ strictVariables: true, strictFilters: true, outputEscape: 'escape' });
  const cache = new Map<string, Template[]>();
  const load = (file: string, html: boolean): Template[] => {
    const key = `${html ? 'h' : 't'}:${file}`;
    let parsed = cache.get(key);
    if (parsed === undefined) {
      parsed = (html ? htmlEngine : engine).parse(readFileSync(file, 'utf8'), file);
      cache.set(key, parsed);
    }
    return parsed;
  };
  const fileOf = (locale: string, template: string, part: string) => join(root, locale, `${template}.${part}.liquid`);
  const has = (template: string, locale: string, channel: OutreachChannel) =>
    channel === 'call_task' || partsOf[channel].every((part) => existsSync(fileOf(locale, template, part)));

  const disclosureFile = (locale: string, required: string) => join(root, locale, 'disclosures', `${required.split('=', 1)[0]!.replace(/\(.*$/, '')}.liquid`);
  const existing = new Map<string, boolean>();
  return {
    has,
    findMissingDisclosures(disclosures, locale) {
      return disclosures.filter((required) => {
        const key = `${locale}|${required}`;
        let present = existing.get(key);
        if (present === undefined) {
          present = existsSync(disclosureFile(existsSync(join(root, locale)) ? locale : 'en', required));
          existing.set(key, present);
        }
        return !present;
      });
    },
    list() {
      const found = new Map<string, TemplateInfo>();
      for (const locale of readdirSync(root).filter((name) => !name.includes('.'))) {
        for (const file of readdirSync(join(root, locale))) {
          const match = /^([a-z0-9_-]+)\.(email|sms|letter)(\.[a-z]+)?\.liquid$/.exec(file);
          if (match === null) continue;
          const key = `${locale}/${match[1]}`;
          const info = found.get(key) ?? { template: match[1]!, locale, channels: [] };
          const channel = match[2] as OutreachChannel;
          if (!info.channels.includes(channel) && has(info.template, locale, channel)) info.channels.push(channel);
          found.set(key, info);
        }
      }
      return [...found.values()].sort((a, b) => a.template.localeCompare(b.template) || a.locale.localeCompare(b.locale));
    },
    async render({ channel, template, locale, variables, requiredDisclosures }) {
      if (channel === 'call_task') {
        return { channel, template, locale, subject: undefined, text: '', html: undefined, disclosures: [...requiredDisclosures] };
      }
      const chosenLocale = has(template, locale, channel) ? locale : 'en';
      if (!has(template, chosenLocale, channel)) {
        throw new TemplateError(`no ${channel} template "${template}" (looked for ${partsOf[channel].map((part) => fileOf(chosenLocale, template, part)).join(', ')})`, template);
      }
      const scope = { ...variables, channel };
      const renderPart = async (part: string, html: boolean) => {
        try {
          return (await (html ? htmlEngine : engine).render(load(fileOf(chosenLocale, template, part), html), scope)) as string;
        } catch (error) {
          throw new TemplateError(`${chosenLocale}/${template}.${part}: ${(error as Error).message}`, template);
        }
      };
      const disclosureTexts: string[] = [];
      const byCode: Array<{ code: string; text: string }> = [];
      for (const required of requiredDisclosures) {
        const value = required.includes('=') ? required.slice(required.indexOf('=') + 1) : undefined;
        const file = disclosureFile(chosenLocale, required);
        if (!existsSync(file)) throw new TemplateError(`the gate requires disclosure ${required} and templates/${chosenLocale}/disclosures has no text for it`, template);
        const text = (await engine.render(load(file, false), { ...scope, value: value ?? '' }) as string).trim();
        if (text !== '') {
          disclosureTexts.push(text);
          byCode.push({ code: required.split('=', 1)[0]!, text });
        }
      }
      if (channel === 'email') {
        const subject = (await renderPart('email.subject', false)).trim();
        const text = `${(await renderPart('email.txt', false)).trimEnd()}\n${disclosureTexts.length > 0 ? `\n${disclosureTexts.join('\n\n')}\n` : ''}`;
        const html = `${(await renderPart('email.html', true)).trimEnd()}\n${disclosureTexts.map((d) => `<p class="disclosure">${escapeHtml(d)}</p>`).join('\n')}\n`;
        return { channel, template, locale: chosenLocale, subject, text, html, disclosures: [...requiredDisclosures], disclosureTexts: byCode };
      }
      const body = (await renderPart(channel === 'sms' ? 'sms' : 'letter', false)).trim();
      const text = channel === 'sms' ? [body, ...disclosureTexts].join(' ') : `${body}\n\n${disclosureTexts.join('\n\n')}`.trimEnd() + '\n';
      return { channel, template, locale: chosenLocale, subject: undefined, text, html: undefined, disclosures: [...requiredDisclosures], disclosureTexts: byCode };
    },
  };
}
