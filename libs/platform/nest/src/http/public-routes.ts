import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { PUBLIC_KEY } from '../auth/decorators';

interface ControllerWrapper {
  readonly metatype: (new (...args: never[]) => unknown) | null;
}
interface NestModules {
  getModules(): Map<string, { readonly controllers: Map<unknown, ControllerWrapper> }>;
}

const segments = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
const openApiPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p !== '')
    .map((p) => (p.startsWith(':') ? `{${p.slice(1)}}` : p))
    .join('/')}`;

/**
 * The operations (`GET /health`) whose route or controller is marked @Public(), read from the same metadata
 * the AuthGuard reads, so the document never asks for credentials a route does not need — nor forgets them.
 */
export function publicOperationsOf(app: INestApplication): Set<string> {
  const operations = new Set<string>();
  const modules = (app as unknown as { container: NestModules }).container.getModules();
  for (const module of modules.values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const classPublic = Reflect.getMetadata(PUBLIC_KEY, metatype) === true;
      const bases = segments(Reflect.getMetadata(PATH_METADATA, metatype));
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        if (paths === undefined || !(classPublic || Reflect.getMetadata(PUBLIC_KEY, handler) === true)) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        for (const base of bases.length > 0 ? bases : ['']) for (const path of segments(paths)) operations.add(`${method} ${openApiPath(base, path)}`);
      }
    }
  }
  return operations;
}
