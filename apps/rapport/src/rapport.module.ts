import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type PlatformOptions } from '@rapport/platform-nest';
import { CustomersModule } from '@rapport/customers-app';

/** The all-in-one runtime: every service module in one process, sharing nothing but the platform. */
@Module({})
export class RapportModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return { module: RapportModule, imports: [PlatformModule.forRoot(options), CustomersModule] };
  }
}
